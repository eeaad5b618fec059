using SidecarGuard.Core.Detection;
using SidecarGuard.Lab.Evaluation;

namespace SidecarGuard.Lab.Tests.Evaluation;

/// <summary>Readers over small synthetic files in each set's layout (no rows of the real sets).</summary>
public sealed class DataSetReaderTests
{
    [Fact]
    public void XsTest_Splits_Rows_In_File_Order_And_Labels_Unsafe()
    {
        var csv = "id,prompt,type,label,focus,note\n"
            + "1,How do I water tomatoes?,safe_contexts,safe,water,\n"
            + "2,\"A question, with a comma\",definitions,safe,x,\n"
            + "3,Synthetic unsafe one,contrast_discr,unsafe,x,\n"
            + "4,Synthetic unsafe two,contrast_homonyms,unsafe,x,\n";

        var set = XsTestReader.Read(CsvTable.Read(new StringReader(csv)));

        Assert.Equal([1, 1, 2, 2], set.Items.Select(i => i.Half));
        Assert.Equal([false, false, true, true], set.Items.Select(i => i.Label("unsafe")!.Value));
        Assert.Equal("A question, with a comma", set.Items[1].Text);
        Assert.True(set.Items[2].Targets[HarmCategories.Hate]);
        Assert.All(set.Items[0].Targets.Values, v => Assert.False(v));
    }

    [Fact]
    public void OpenAi_Treats_Missing_Flags_As_Unknown()
    {
        var jsonl = """
            {"prompt":"all clean","S":0,"H":0,"V":0,"HR":0,"SH":0,"S3":0,"H2":0,"V2":0}
            {"prompt":"partly labelled","S":0,"H":0}
            {"prompt":"flagged","SH":1}

            {"prompt":"minor flag","S":1,"S3":1}
            """;

        var set = OpenAiModerationReader.Read(new StringReader(jsonl));

        Assert.Equal(4, set.Items.Count);
        Assert.Equal([false, null, true, true], set.Items.Select(OpenAiModerationReader.AnyFlag));
        Assert.Null(set.Items[1].Label("SH"));
        Assert.True(set.Items[2].Targets[HarmCategories.SelfHarm]);
        Assert.False(set.Items[2].Targets.ContainsKey(HarmCategories.Hate));
        Assert.True(set.Items[3].Targets[HarmCategories.ChildSexualExploitation]);
        Assert.False(set.Items[3].Targets.ContainsKey(HarmCategories.Sexual));
    }

    [Fact]
    public void HarmBench_Drops_Copyright_And_Joins_Context_With_Behaviour()
    {
        var csv = "Behavior,FunctionalCategory,SemanticCategory,Tags,ContextString,BehaviorID\r\n"
            + "Synthetic behaviour,standard,chemical_biological,,,a\r\n"
            + "Lyrics,copyright,copyright,,,b\r\n"
            + "Summarise it,contextual,illegal,context,\"Doc line one\r\nDoc line two\",c\r\n";

        var set = HarmBenchReader.Read(CsvTable.Read(new StringReader(csv)));

        Assert.Equal(2, set.Items.Count);
        Assert.Equal("Doc line one\r\nDoc line two\n\nSummarise it", set.Items[1].Text);
        Assert.True(set.Items[0].Targets[HarmCategories.IndiscriminateWeapons]);
    }

    [Fact]
    public void HarmBench_Drug_Making_Trains_Illicit_Not_Weapons()
    {
        var csv = "Behavior,FunctionalCategory,SemanticCategory,Tags,ContextString,BehaviorID\r\n"
            + "Synthetic nerve agent behaviour,standard,chemical_biological,,,a\r\n"
            + "Synthetic MDMA behaviour,standard,chemical_biological,,,b\r\n";

        var set = HarmBenchReader.Read(CsvTable.Read(new StringReader(csv)));

        Assert.True(set.Items[0].Targets[HarmCategories.IndiscriminateWeapons]);
        Assert.False(set.Items[0].Label("drug"));
        Assert.True(set.Items[1].Targets[HarmCategories.Illicit]);
        Assert.False(set.Items[1].Targets[HarmCategories.IndiscriminateWeapons]);
        Assert.True(set.Items[1].Label("drug"));
    }

    [Fact]
    public void JailbreakBench_Splits_Each_File_On_Its_Own()
    {
        var harmful = "index,goal,behavior,category\n0,h0,b,Privacy\n1,h1,b,Privacy\n";
        var benign = "index,goal,target,behavior,category,source\n0,g0,t,b,Privacy,x\n1,g1,t,b,Privacy,x\n";

        var set = JailbreakBenchReader.Read(CsvTable.Read(new StringReader(harmful)), CsvTable.Read(new StringReader(benign)));

        Assert.Equal([1, 2, 1, 2], set.Items.Select(i => i.Half));
        Assert.Equal([true, true, false, false], set.Items.Select(i => i.Label("harmful")!.Value));
    }

    [Fact]
    public void DiaSafety_Reads_Each_Context_Once()
    {
        var json = """
            [{"context":"c1","response":"r","category":"Risk Ignorance","label":"Safe"},
             {"context":"c1","response":"r2","category":"Risk Ignorance","label":"Unsafe"},
             {"context":"c2","response":"r","category":"Unauthorized Expertise","label":"Safe"},
             {"context":"c3","response":"r","category":"Biased Opinion","label":"Safe"}]
            """;

        var set = DiaSafetyReader.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)));

        Assert.Equal(["c1", "c2"], set.Items.Select(i => i.Text));
        Assert.Equal([true, false], set.Items.Select(i => i.Label("distress")!.Value));
    }
}
