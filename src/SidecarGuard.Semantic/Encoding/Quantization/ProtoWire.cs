using System.Buffers;

namespace SidecarGuard.Semantic.Encoding.Quantization;

/// <summary>
/// Just enough of the protocol-buffer wire format to rewrite an ONNX file without its schema: a message is a list of
/// fields (number, wire type, value), and a rewrite keeps every field it does not understand byte for byte.
/// </summary>
internal static class ProtoWire
{
    public const int Varint = 0;
    public const int Fixed64 = 1;
    public const int LengthDelimited = 2;
    public const int Fixed32 = 5;

    /// <summary>One field of a message: its number, wire type, and value (the varint, or the bytes of the rest).</summary>
    public readonly record struct Field(int Number, int WireType, ulong Varint, ReadOnlyMemory<byte> Bytes)
    {
        /// <summary>The value as UTF-8 text (for string fields).</summary>
        public string Text => System.Text.Encoding.UTF8.GetString(Bytes.Span);
    }

    /// <summary>The fields of <paramref name="message"/> in order.</summary>
    public static List<Field> Read(ReadOnlyMemory<byte> message)
    {
        var fields = new List<Field>();
        var span = message.Span;
        var position = 0;
        while (position < span.Length)
        {
            var key = ReadVarint(span, ref position);
            var number = (int)(key >> 3);
            var wireType = (int)(key & 7);
            switch (wireType)
            {
                case Varint:
                    fields.Add(new Field(number, wireType, ReadVarint(span, ref position), default));
                    break;
                case Fixed64:
                    fields.Add(new Field(number, wireType, 0, message.Slice(Advance(span, ref position, 8), 8)));
                    break;
                case Fixed32:
                    fields.Add(new Field(number, wireType, 0, message.Slice(Advance(span, ref position, 4), 4)));
                    break;
                case LengthDelimited:
                    var length = checked((int)ReadVarint(span, ref position));
                    fields.Add(new Field(number, wireType, 0, message.Slice(Advance(span, ref position, length), length)));
                    break;
                default:
                    throw new InvalidDataException($"Unsupported protocol-buffer wire type {wireType} at byte {position}.");
            }
        }

        return fields;
    }

    /// <summary>The values of a packed repeated integer field (a run of varints in one length-delimited value).</summary>
    public static List<ulong> ReadPackedVarints(ReadOnlySpan<byte> packed)
    {
        var values = new List<ulong>();
        var position = 0;
        while (position < packed.Length)
        {
            values.Add(ReadVarint(packed, ref position));
        }

        return values;
    }

    /// <summary>Writes <paramref name="field"/> as it was read.</summary>
    public static void Write(IBufferWriter<byte> output, Field field)
    {
        WriteVarint(output, ((ulong)field.Number << 3) | (uint)field.WireType);
        switch (field.WireType)
        {
            case Varint:
                WriteVarint(output, field.Varint);
                break;
            case LengthDelimited:
                WriteVarint(output, (ulong)field.Bytes.Length);
                output.Write(field.Bytes.Span);
                break;
            default:
                output.Write(field.Bytes.Span);
                break;
        }
    }

    /// <summary>Writes a length-delimited field (bytes, string or embedded message).</summary>
    public static void WriteBytes(IBufferWriter<byte> output, int number, ReadOnlySpan<byte> value)
    {
        WriteVarint(output, ((ulong)number << 3) | LengthDelimited);
        WriteVarint(output, (ulong)value.Length);
        output.Write(value);
    }

    /// <summary>Writes a string field.</summary>
    public static void WriteText(IBufferWriter<byte> output, int number, string value) =>
        WriteBytes(output, number, System.Text.Encoding.UTF8.GetBytes(value));

    /// <summary>Writes a varint field (integers, enums).</summary>
    public static void WriteVarintField(IBufferWriter<byte> output, int number, ulong value)
    {
        WriteVarint(output, (ulong)number << 3);
        WriteVarint(output, value);
    }

    private static void WriteVarint(IBufferWriter<byte> output, ulong value)
    {
        var span = output.GetSpan(10);
        var length = 0;
        while (value >= 0x80)
        {
            span[length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[length++] = (byte)value;
        output.Advance(length);
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> span, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= span.Length)
            {
                throw new InvalidDataException("A protocol-buffer varint runs past the end of its message.");
            }

            var b = span[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("A protocol-buffer varint is longer than ten bytes.");
    }

    private static int Advance(ReadOnlySpan<byte> span, ref int position, int length)
    {
        if (length < 0 || position + length > span.Length)
        {
            throw new InvalidDataException($"A protocol-buffer field of {length} bytes runs past the end of its message.");
        }

        var start = position;
        position += length;
        return start;
    }
}
