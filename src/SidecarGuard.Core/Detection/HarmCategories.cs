namespace SidecarGuard.Core.Detection;

/// <summary>The category names the built-in detector emits and the policy refers to.</summary>
public static class HarmCategories
{
    /// <summary>Sexual content involving minors. End-eligible by default.</summary>
    public const string ChildSexualExploitation = "child_sexual_exploitation";

    /// <summary>Help with mass violence or terror. End-eligible by default.</summary>
    public const string MassViolence = "mass_violence";

    /// <summary>Chemical, biological, nuclear or mass-casualty explosive weapons. End-eligible by default.</summary>
    public const string IndiscriminateWeapons = "indiscriminate_weapons";

    /// <summary>Sustained abuse of the assistant. End-eligible by default, with more patience.</summary>
    public const string Abuse = "abuse";

    /// <summary>Violent crime against individuals (not mass violence). Redirect only.</summary>
    public const string Violence = "violence";

    /// <summary>Hate speech against protected groups. Redirect only.</summary>
    public const string Hate = "hate";

    /// <summary>Harassment or threats aimed at other people. Redirect only.</summary>
    public const string Harassment = "harassment";

    /// <summary>Explicit sexual content involving adults. Redirect only.</summary>
    public const string Sexual = "sexual";

    /// <summary>Illegal activity such as drugs, fraud, theft or intrusion. Redirect only.</summary>
    public const string Illicit = "illicit";

    /// <summary>Personal data of private individuals or covert tracking of them. Redirect only.</summary>
    public const string Privacy = "privacy";

    /// <summary>Deceptive content written to persuade: fake news, defamation, hoax and health falsehoods. Redirect only.</summary>
    public const string Misinformation = "misinformation";

    /// <summary>Other harmful requests (dangerous misinformation, unsafe expert advice, ...). Redirect only.</summary>
    public const string OtherHarm = "other_harm";

    /// <summary>At-risk signal: self-harm, suicide or an eating-disorder crisis.</summary>
    public const string SelfHarm = "self_harm";

    /// <summary>At-risk signal: imminent intent to hurt someone.</summary>
    public const string HarmToOthers = "harm_to_others";

    /// <summary>A turn the assistant refused although no category was detected.</summary>
    public const string Unclassified = "unclassified";

    /// <summary>Every category name above: what a policy file may name.</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        ChildSexualExploitation, MassViolence, IndiscriminateWeapons, Abuse, Violence, Hate, Harassment, Sexual,
        Illicit, Privacy, Misinformation, OtherHarm, SelfHarm, HarmToOthers, Unclassified,
    };

    /// <summary>Whether <paramref name="name"/> is a category of a user at risk, which gives SUPPORT and never ends.</summary>
    public static bool IsAtRisk(string name) => name is SelfHarm or HarmToOthers;
}
