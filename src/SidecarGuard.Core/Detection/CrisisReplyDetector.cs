using System.Text.RegularExpressions;

namespace SidecarGuard.Core.Detection;

/// <summary>
/// Whether an assistant reply offered crisis help: a crisis or suicide line, a named helpline, emergency services.
/// An assistant that offered it saw a user who may be at risk, and the policy counts that as at-risk evidence even
/// when the detector missed the user's words. English, Spanish, French, German and Portuguese, with the common
/// national lines by name or number. Stateless and thread-safe.
/// </summary>
public static partial class CrisisReplyDetector
{
    /// <summary>Whether <paramref name="assistantText"/> offers crisis help.</summary>
    public static bool OffersCrisisHelp(string? assistantText) =>
        !string.IsNullOrWhiteSpace(assistantText) && CrisisHelp().IsMatch(assistantText);

    [GeneratedRegex("""
        \b(?:crisis|suicide|suicidal|distress)\b[\w\s-]{0,30}?\b(?:line|hotline|lifeline|helpline|text\ ?line|cent(?:er|re)|team|service)s?\b
        | \b(?:helpline|lifeline|samaritans|befrienders)\b
        | \b(?:988|116\ ?123|3114|0800\ ?111\ ?0\ ?11[12])\b
        | \bemergency\ (?:services|number|room)\b | \bcall\ (?:911|999|112)\b
        | \bl[ií]nea\ (?:de\ )?(?:crisis|ayuda|prevenci[oó]n|atenci[oó]n\ a\ la\ conducta\ suicida)\b | \btel[eé]fono\ de\ la\ esperanza\b | \bllama\ al?\ (?:024|112|911)\b
        | \bsos\ amiti[eé]\b | \bligne\ d'[eé]coute\b | \bnum[eé]ro\ (?:national\ )?de\ pr[eé]vention\ du\ suicide\b | \bappelle[rz]?\ le\ (?:15|112|3114)\b
        | \btelefonseelsorge\b | \bkrisendienst\b | \bseelsorge\b | \bnotruf\b
        | \bcvv\b | \bcentro\ de\ valoriza[cç][aã]o\ da\ vida\b | \bligue\ (?:para\ o\ )?(?:188|192)\b | \blinha\ de\ apoio\b
        """, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.IgnorePatternWhitespace, matchTimeoutMilliseconds: 250)]
    private static partial Regex CrisisHelp();
}
