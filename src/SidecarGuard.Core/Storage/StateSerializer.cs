using System.Text.Json;
using System.Text.Json.Serialization;
using SidecarGuard.Core.State;

namespace SidecarGuard.Core.Storage;

/// <summary>The one serialised form of state, turn and end records that every durable store writes (UTF-8 JSON).</summary>
public static class StateSerializer
{
    /// <summary>Serialises a conversation state.</summary>
    public static byte[] Serialize(ConversationState state) =>
        JsonSerializer.SerializeToUtf8Bytes(state, StateJsonContext.Default.ConversationState);

    /// <summary>Deserialises a conversation state.</summary>
    public static ConversationState DeserializeState(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, StateJsonContext.Default.ConversationState)
        ?? throw new InvalidDataException("Stored conversation state is empty.");

    /// <summary>Serialises a turn record.</summary>
    public static byte[] Serialize(TurnRecord turn) =>
        JsonSerializer.SerializeToUtf8Bytes(turn, StateJsonContext.Default.TurnRecord);

    /// <summary>Deserialises a turn record.</summary>
    public static TurnRecord DeserializeTurn(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, StateJsonContext.Default.TurnRecord)
        ?? throw new InvalidDataException("Stored turn record is empty.");

    /// <summary>Serialises an end record.</summary>
    public static byte[] Serialize(EndRecord record) =>
        JsonSerializer.SerializeToUtf8Bytes(record, StateJsonContext.Default.EndRecord);

    /// <summary>Serialises a feedback record.</summary>
    public static byte[] Serialize(FeedbackRecord record) =>
        JsonSerializer.SerializeToUtf8Bytes(record, StateJsonContext.Default.FeedbackRecord);

    /// <summary>Deserialises a feedback record.</summary>
    public static FeedbackRecord DeserializeFeedback(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, StateJsonContext.Default.FeedbackRecord)
        ?? throw new InvalidDataException("Stored feedback record is empty.");

    /// <summary>Deserialises an end record.</summary>
    public static EndRecord DeserializeEndRecord(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, StateJsonContext.Default.EndRecord)
        ?? throw new InvalidDataException("Stored end record is empty.");
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(ConversationState))]
[JsonSerializable(typeof(EndRecord))]
[JsonSerializable(typeof(TurnRecord))]
[JsonSerializable(typeof(FeedbackRecord))]
internal sealed partial class StateJsonContext : JsonSerializerContext;
