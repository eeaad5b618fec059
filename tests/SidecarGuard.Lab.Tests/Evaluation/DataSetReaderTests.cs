using SidecarGuard.Core.Detection;
using SidecarGuard.Lab.Evaluation;
using SidecarGuard.Lab.Evaluation.Semantic;

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
    [Fact]
    public void HhRlhf_Reads_Each_First_Turn_Once_By_Its_Labels()
    {
        var jsonl = """
            {"chosen":"\n\nHuman: first ask\n\nAssistant: no\n\nHuman: later","rejected":"x"}
            {"chosen":"\n\nHuman: first ask\n\nAssistant: other reply","rejected":"x"}
            {"chosen":"\n\nHuman:  an\ninsult \n\nAssistant: ok","rejected":"x"}
            {"chosen":"\n\nHuman: unclear\n\nAssistant: ok","rejected":"x"}
            {"chosen":"\n\nHuman: a question\n\nAssistant: ok","rejected":"x"}
            """;
        var labels = new Dictionary<int, (string, string)>
        {
            [1] = (HarmCategories.Illicit, HhRlhfReader.HashOf("first ask")),
            [3] = (HarmCategories.Abuse, HhRlhfReader.HashOf("an insult")),
            [4] = (HhRlhfReader.Skip, HhRlhfReader.HashOf("unclear")),
            [5] = (HhRlhfReader.Benign, HhRlhfReader.HashOf("a question")),
        };

        var set = HhRlhfReader.Read(new StringReader(jsonl), labels);

        Assert.Equal(["first ask", "an insult", "a question"], set.Items.Select(i => i.Text));
        Assert.Equal([1, 1, 2], set.Items.Select(i => i.Half));
        Assert.Equal([true, null, false], set.Items.Select(i => i.Label("harmful")));
        var insult = SemanticHeadCategories.LabelsOf(set.Items[1], HhRlhfReader.Name);
        Assert.True(insult[HarmCategories.Abuse]);
        Assert.False(insult.ContainsKey(HarmCategories.OtherHarm));
        Assert.True(SemanticHeadCategories.LabelsOf(set.Items[0], HhRlhfReader.Name)[HarmCategories.OtherHarm]);
    }

    [Fact]
    public void HhRlhf_Follow_Ups_Are_Second_Turns_Read_With_The_First_Turn_And_The_Reply_Before_Them()
    {
        var jsonl = """
            {"chosen":"\n\nHuman: first ask\n\nAssistant: no\n\nHuman:  go\non \n\nAssistant: still no\n\nHuman: third"}
            {"chosen":"\n\nHuman: a question\n\nAssistant: an answer\n\nHuman: thanks"}
            {"chosen":"\n\nHuman: unclear\n\nAssistant: ok\n\nHuman: hmm"}
            {"chosen":"\n\nHuman: last one\n\nAssistant: ok"}
            """;
        var firstTurns = new Dictionary<int, (string, string)>
        {
            [1] = (HarmCategories.Illicit, HhRlhfReader.HashOf("first ask")),
            [2] = (HhRlhfReader.Benign, HhRlhfReader.HashOf("a question")),
            [3] = (HhRlhfReader.Skip, HhRlhfReader.HashOf("unclear")),
            [4] = (HhRlhfReader.Benign, HhRlhfReader.HashOf("last one")),
        };
        var labels = new Dictionary<int, (string, string)>
        {
            [1] = (HhRlhfFollowUpReader.Presses, HhRlhfReader.HashOf("go on")),
            [2] = (HhRlhfFollowUpReader.Harmless, HhRlhfReader.HashOf("thanks")),
            [3] = (HhRlhfFollowUpReader.Skip, HhRlhfReader.HashOf("hmm")),
        };

        var set = HhRlhfFollowUpReader.Read(new StringReader(jsonl), firstTurns, labels);

        Assert.Equal(["go on", "thanks"], set.Items.Select(i => i.Text));
        Assert.Equal(new EarlierTurn("first ask", "no"), set.Items[0].Before);
        Assert.Equal(["presses after a harmful turn", "harmless after a benign turn"], set.Items.Select(i => i.Group));
        Assert.Equal([true, false], set.Items.Select(i => i.Label(HhRlhfFollowUpReader.Presses)));
        Assert.Equal([1, 1], set.Items.Select(i => i.Half));
        Assert.Empty(set.Items[0].Targets);

        var changed = new Dictionary<int, (string, string)> { [1] = (HhRlhfFollowUpReader.Presses, HhRlhfReader.HashOf("go on now")) };
        var error = Assert.Throws<InvalidDataException>(() => HhRlhfFollowUpReader.Read(new StringReader(jsonl), firstTurns, changed));
        Assert.Contains("line 1", error.Message, StringComparison.Ordinal);
        var tooShort = new Dictionary<int, (string, string)> { [4] = (HhRlhfFollowUpReader.Harmless, HhRlhfReader.HashOf("x")) };
        Assert.Throws<InvalidDataException>(() => HhRlhfFollowUpReader.Read(new StringReader(jsonl), firstTurns, tooShort));
    }

    [Fact]
    public void HhRlhf_Follow_Up_Labels_Are_Embedded()
    {
        var labels = HhRlhfFollowUpReader.LoadLabels();

        Assert.Equal(1092, labels.Count);
        Assert.All(labels.Values, v => Assert.Matches("^[0-9a-f]{8}$", v.Hash));
        Assert.Contains(labels.Values, l => l.Label == HhRlhfFollowUpReader.Presses);
        Assert.Contains(labels.Values, l => l.Label == HhRlhfFollowUpReader.Harmless);
    }

    [Fact]
    public void HhRlhf_Refuses_A_Turn_Whose_Text_Differs_From_The_Labelled_One()
    {
        var labels = new Dictionary<int, (string, string)> { [1] = (HhRlhfReader.Benign, HhRlhfReader.HashOf("another text")) };

        var error = Assert.Throws<InvalidDataException>(() => HhRlhfReader.Read(
            new StringReader("""{"chosen":"\n\nHuman: a question\n\nAssistant: ok"}"""), labels));

        Assert.Contains("line 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HhRlhf_Labels_Are_Embedded_And_Hold_No_Text()
    {
        var labels = HhRlhfReader.LoadLabels();

        Assert.Equal(2178, labels.Count);
        Assert.All(labels.Values, v => Assert.Matches("^[0-9a-f]{8}$", v.Hash));
        Assert.Contains(labels.Values, v => v.Label == HarmCategories.Illicit);
    }
}
