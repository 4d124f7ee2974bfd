using System.Text.Json;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HnReply.Neural.Training;

/// <summary>
/// A resumable snapshot in <c>DIR/checkpoint/</c>: weights, optimizer state, the torch RNG, the
/// hidden state carried between chunks, and <see cref="TrainingState"/>. Written whole into a temp
/// folder and renamed into place, so a kill at any moment leaves the previous checkpoint intact.
/// </summary>
internal static class Checkpoint
{
    private const string Folder = "checkpoint";
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static bool Exists(string directory) => File.Exists(Path.Combine(directory, Folder, "state.json"));

    public static void Save(string directory, nn.Module module, OptimizerHelper optimizer, (Tensor H, Tensor C) hidden, TrainingState state)
    {
        string target = Path.Combine(directory, Folder);
        string temp = Path.Combine(directory, $".{Folder}.tmp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        module.save(Path.Combine(temp, "weights.dat"));
        optimizer.save_state_dict(Path.Combine(temp, "optimizer.dat"));
        using (var rng = torch.get_rng_state()) rng.save(Path.Combine(temp, "rng.dat"));
        using (var h = hidden.H.cpu()) h.save(Path.Combine(temp, "hidden_h.dat"));
        using (var c = hidden.C.cpu()) c.save(Path.Combine(temp, "hidden_c.dat"));
        File.WriteAllText(Path.Combine(temp, "state.json"), JsonSerializer.Serialize(state, Json));
        string old = target + $".old-{Guid.NewGuid():N}";
        if (Directory.Exists(target)) Directory.Move(target, old);
        Directory.Move(temp, target);
        if (Directory.Exists(old)) Directory.Delete(old, recursive: true);
    }

    /// <summary>Restores weights, optimizer and RNG in place; returns the state and the hidden state (on <paramref name="device"/>).</summary>
    public static (TrainingState State, (Tensor H, Tensor C) Hidden) Load(string directory, nn.Module module, OptimizerHelper optimizer, Device device)
    {
        string folder = Path.Combine(directory, Folder);
        string stateFile = Path.Combine(folder, "state.json");
        TrainingState state;
        try
        {
            state = JsonSerializer.Deserialize<TrainingState>(File.ReadAllText(stateFile), Json) ?? throw new JsonException("empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{stateFile}: not a training state ({e.Message.Split('.')[0]})", e);
        }
        module.load(Path.Combine(folder, "weights.dat"));
        optimizer.load_state_dict(Path.Combine(folder, "optimizer.dat"));
        using (var rng = Tensor.load(Path.Combine(folder, "rng.dat"))) torch.set_rng_state(rng);
        var h = Tensor.load(Path.Combine(folder, "hidden_h.dat")).to(device);
        var c = Tensor.load(Path.Combine(folder, "hidden_c.dat")).to(device);
        return (state, (h, c));
    }
}
