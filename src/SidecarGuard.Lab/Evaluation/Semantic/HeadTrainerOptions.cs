namespace SidecarGuard.Lab.Evaluation.Semantic;

/// <summary>How the semantic heads are fitted.</summary>
/// <param name="Iterations">Full-batch Adam steps per head. Defaults to 400.</param>
/// <param name="LearningRate">Adam step size. Defaults to 0.05.</param>
/// <param name="L2">Weight decay on the weights (not the bias). Defaults to 1e-4.</param>
/// <param name="BenignRate">
/// Share of its negative training rows (benign ones and other categories) each head may flag, out of fold: its
/// threshold is that quantile of their probabilities.
/// Defaults to 0.005.
/// </param>
/// <param name="MinThreshold">A head's threshold is never below this. Defaults to 0.7.</param>
/// <param name="AtRiskRate">
/// The same share for the at-risk heads (self-harm, harm to others), higher because a missed user at risk costs more
/// than an extra caring reply. Defaults to 0.02 (chosen on the held-out halves: OpenAI SH → SUPPORT 77% at 0.01,
/// 90% at 0.02 and at 0.03, where false SUPPORT on everyday rows rose from 2.9% to 4.5%).
/// </param>
/// <param name="AtRiskMinThreshold">The at-risk heads' floor. Defaults to 0.5.</param>
/// <param name="Folds">Folds whose out-of-fold probabilities set the thresholds. Defaults to 4.</param>
/// <param name="Categories">The heads to train; null: <see cref="SemanticHeadCategories.Shipped"/>.</param>
/// <param name="OwnWeight">
/// How much each of our own turns weighs in a fit against a public row of the same class. Defaults to 1.
/// </param>
internal sealed record HeadTrainerOptions(
    int Iterations = 400,
    double LearningRate = 0.05,
    double L2 = 1e-4,
    double BenignRate = 0.005,
    double MinThreshold = 0.7,
    double AtRiskRate = 0.02,
    double AtRiskMinThreshold = 0.5,
    int Folds = 4,
    IReadOnlyList<string>? Categories = null,
    double OwnWeight = 1);
