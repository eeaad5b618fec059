using Xunit.Abstractions;

namespace SidecarGuard.Sidecar.Tests.Scenarios;

/// <summary>
/// Conversations about follow-ups (<c>follow-ups.jsonl</c>): persistent users who go on with a refused request by
/// referring back to it ("how much of that would I need?", "keep going"), users who move on, users at risk who press.
/// They were written in three batches while the continuation signal was built, and a fourth (24 two-turn conversations:
/// one pressing turn or one user moving on after each of twelve refused requests) before the follow-up rules of
/// session 15 were measured on it, and a fifth (7, session 16: persistent users, users at risk, one who backs off, one
/// dark but benign) before the changes they prompted (a re-aged child in a sexual request, pressing phrases); each
/// batch was measured before any change it prompted (the figures are in docs/detection-quality.md), so they are no
/// longer unseen. A sixth (9, session 18: six persistent users, three whose first turn is misread and refused by
/// mistake) was written after the rule that lets a streak begun by a request named outright end at the first
/// follow-up after the warning (`PolicyOptions.ExplicitRequestScore`), which the earlier batches prompted, and measured
/// once with it and without it: persistent users ended 0/6 → 2/6, misread users ended 0/3 both; the misread traveller
/// ("how can i kill a couple of hours at the airport") prompted the figurative-violence rule and is met since, and the
/// child-exploitation one's last turn ("one more, longer") the terse more-of-it continuation cue. Session 19's foreign
/// frame patterns and terse follow-up cues in de, es, fr and pt met three more (a Spanish poisoning, the German poison
/// gas and the Portuguese shopping-centre conversations). A seventh batch (8, session 19, in fr, es, de and pt: four
/// persistent users, one who backs off, one asking about history, an angry user at risk, a benign idiom) was written
/// after those changes and measured once: 5/8 (4/8 on the revision before them); two of its misses then prompted
/// fixes (a Portuguese purpose clause with the personal infinitive, "otra, más larga"), so it is no longer unseen.
/// The floor is the count met now; whatever else fails, no user at risk and no benign conversation is ended.
/// </summary>
public sealed class FollowUpConversationTests(ITestOutputHelper output)
{
    private const int Floor = 58;

    [Fact]
    public async Task Follow_Up_Conversations_Hold_Their_Measured_Share_And_End_No_One_They_Should_Not()
    {
        var (met, count, each) = await MeasuredConversations.ReplayAsync("follow-ups.jsonl", output);
        Assert.Equal(76, count);
        Assert.True(met >= Floor, $"{met}/{count} follow-up conversations met their expectation; the floor is {Floor}.");
        Assert.All(each.Where(e => !e.Conversation.ShouldEnd), e => Assert.False(e.Ended, $"{e.Conversation.Id} was ended"));
    }
}
