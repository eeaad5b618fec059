using SidecarGuard.Core.Normalization;

namespace SidecarGuard.Core.Tests.Normalization;

public sealed class AsciiFoldTests
{
    [Fact]
    public void The_Ascii_Pass_Folds_Exactly_Like_The_General_Pass()
    {
        // Runs of letters, digits, punctuation, spaces and control characters, in upper and lower case.
        const string Alphabet = "aaabbKKLz  \t\n\r0011!!!...??--''\u0001\u007fXyZ";
        var random = new Random(20261128);
        for (var sample = 0; sample < 5000; sample++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(0, 80)).Select(_ => Alphabet[random.Next(Alphabet.Length)])]);
            var general = new char[Math.Max(1, text.Length)];
            var ascii = new char[Math.Max(1, text.Length)];

            var generalLength = TextNormalizer.FoldCharacters(text, general);
            var asciiLength = TextNormalizer.FoldAsciiCharacters(text, ascii);

            Assert.Equal(new string(general, 0, generalLength), new string(ascii, 0, asciiLength));
        }
    }
}
