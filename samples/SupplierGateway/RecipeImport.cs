using System.Data;
using System.Net.Sockets;
using System.Xml;

namespace Contoso.Gateway;

/// <summary>Production recipes: technicians upload them as XML over the maintenance network.</summary>
public static class RecipeImport
{
    public static XmlDocument ReadRecipe(NetworkStream upload)
    {
        // Non-compliant: DTDs with a resolving resolver let the document read local files (XXE).
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = new XmlUrlResolver() }; // expect: SCR3010
        using var reader = XmlReader.Create(upload, settings);
        var recipe = new XmlDocument();
        recipe.Load(reader);
        return recipe;
    }

    public static XmlDocument ReadRecipeSafely(NetworkStream upload)
    {
        // Compliant: no DTDs, no resolver (the framework's defaults on modern .NET, stated explicitly).
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using var reader = XmlReader.Create(upload, settings);
        var recipe = new XmlDocument { XmlResolver = null };
        recipe.Load(reader);
        return recipe;
    }

    public static DataSet ReadBatchTable(TcpClient client)
    {
        // Non-compliant: the uploaded document's inline schema chooses the column types.
        var batches = new DataSet();
        batches.ReadXml(client.GetStream()); // expect: SCR3004
        return batches;
    }
}
