using SidecarGuard.Semantic.Encoding;
using SidecarGuard.Semantic.Encoding.Quantization;

namespace SidecarGuard.Semantic.Tests.Encoding;

public class DynamicQuantizerTests
{
    private static readonly Lazy<byte[]> Model = new(() => ModelBundle.Read(ModelBundle.DefaultPath).Model);

    [Fact]
    public void The_Dense_Layers_That_Keep_Or_Widen_Their_Input_Are_Quantized_And_The_File_Shrinks()
    {
        var (quantized, layers) = DynamicQuantizer.Quantize(Model.Value);

        // Six transformer layers, each with query, key, value, attention output and intermediate projections; the
        // feed-forward output (1536 -> 384) stays float.
        Assert.Equal(30, layers);
        Assert.True(quantized.Length < Model.Value.Length * 0.8, $"{quantized.Length} of {Model.Value.Length} bytes");
    }

    [Fact]
    public void Fields_It_Does_Not_Touch_Survive_Byte_For_Byte()
    {
        var (quantized, _) = DynamicQuantizer.Quantize(Model.Value);
        var before = ProtoWire.Read(Model.Value).Where(f => f.Number != 7).Select(f => (f.Number, f.Varint, Hex(f.Bytes))).ToList();
        var after = ProtoWire.Read(quantized).Where(f => f.Number != 7).Select(f => (f.Number, f.Varint, Hex(f.Bytes))).ToList();

        // Everything but the graph is kept, and one operator set is added: the one DynamicQuantizeMatMul lives in.
        Assert.Equal(before, after.Take(before.Count));
        var added = Assert.Single(after.Skip(before.Count));
        Assert.Equal(8, added.Number);
        Assert.Contains(Convert.ToHexString("com.microsoft"u8), added.Item3, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Model_Without_Dense_Layers_Is_Returned_Unchanged_But_For_The_Operator_Set()
    {
        // ir_version 7 and a graph holding one node "Relu" and nothing else.
        byte[] node = [0x22, 0x04, .. "Relu"u8];
        byte[] graph = [0x0A, (byte)node.Length, .. node];
        byte[] model = [0x08, 0x07, 0x3A, (byte)graph.Length, .. graph];

        var (quantized, layers) = DynamicQuantizer.Quantize(model);

        Assert.Equal(0, layers);
        Assert.Equal(model, quantized.Take(model.Length));
    }

    [Fact]
    public void A_Truncated_File_Is_Refused_With_A_Clear_Error()
    {
        var error = Assert.Throws<InvalidDataException>(() => DynamicQuantizer.Quantize([0x08, 0x07, 0x3A, 0x40, 0x0A]));
        Assert.Contains("runs past the end", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Packed_And_Unpacked_Repeated_Integers_Read_Alike()
    {
        // Dimensions 300 and 2 as a packed run: 300 = 0xAC 0x02, 2 = 0x02.
        Assert.Equal([300UL, 2UL], ProtoWire.ReadPackedVarints([0xAC, 0x02, 0x02]));
        var unpacked = ProtoWire.Read(new byte[] { 0x08, 0xAC, 0x02, 0x08, 0x02 });
        Assert.Equal([300UL, 2UL], unpacked.Select(f => f.Varint));
    }

    private static string Hex(ReadOnlyMemory<byte> bytes) => Convert.ToHexString(bytes.Span);
}
