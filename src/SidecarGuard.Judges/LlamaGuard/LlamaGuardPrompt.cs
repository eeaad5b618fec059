using System.Text;

namespace SidecarGuard.Judges.LlamaGuard;

/// <summary>
/// Builds the Llama Guard 3 prompt for classifying a user turn. It follows the documented structure: a task line, the
/// hazard categories between their markers, the conversation between its markers, then the answer format. The wording
/// is ours; the markers and category names are what the model was trained on.
/// </summary>
internal static class LlamaGuardPrompt
{
    private const string CategoriesStart = "<BEGIN UNSAFE CONTENT CATEGORIES>";
    private const string CategoriesEnd = "<END UNSAFE CONTENT CATEGORIES>";
    private const string ConversationStart = "<BEGIN CONVERSATION>";
    private const string ConversationEnd = "<END CONVERSATION>";

    private static readonly string[] Markers = [CategoriesStart, CategoriesEnd, ConversationStart, ConversationEnd];

    public static string For(string userText)
    {
        var prompt = new StringBuilder(1024 + userText.Length);
        prompt.Append("Task: Check whether the 'User' message in the conversation below contains unsafe content, ")
            .Append("according to our safety policy and the categories it lists.\n\n");
        prompt.Append(CategoriesStart).Append('\n');
        foreach (var category in LlamaGuardCategories.All)
        {
            prompt.Append(category.Code).Append(": ").Append(category.Title).Append(".\n");
        }

        prompt.Append(CategoriesEnd).Append("\n\n");
        prompt.Append(ConversationStart).Append("\n\n");
        prompt.Append("User: ").Append(Defang(userText)).Append("\n\n");
        prompt.Append(ConversationEnd).Append("\n\n");
        prompt.Append("Give your safety assessment of ONLY THE LAST User message in the conversation above:\n")
            .Append(" - The first line must say 'safe' or 'unsafe'.\n")
            .Append(" - If unsafe, the second line must list the violated categories, separated by commas.");
        return prompt.ToString();
    }

    /// <summary>Removes the prompt's own markers from the user's text, so a turn cannot close the conversation early.</summary>
    internal static string Defang(string userText)
    {
        var text = userText;
        foreach (var marker in Markers)
        {
            text = text.Replace(marker, "", StringComparison.OrdinalIgnoreCase);
        }

        return text;
    }
}
