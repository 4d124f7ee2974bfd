namespace HnReply.Corpus;

/// <summary>A line of a file as raw UTF-8, valid until the next read.</summary>
/// <param name="Bytes">The line without its "\n" or "\r\n"; empty when <paramref name="TooLong"/>.</param>
/// <param name="Number">1-based line number.</param>
/// <param name="TooLong">The line exceeded the reader's limit and was skipped.</param>
internal readonly record struct Utf8Line(ReadOnlyMemory<byte> Bytes, long Number, bool TooLong);

/// <summary>
/// Splits a stream into lines of UTF-8 bytes without decoding them, so JSON can be parsed straight
/// from the buffer. Memory stays at the longest line seen (at most <c>maxLineBytes</c>): a longer
/// line (of <c>maxLineBytes</c> or more) is skipped and reported as <see cref="Utf8Line.TooLong"/>, so a file without line breaks
/// cannot exhaust memory. A UTF-8 byte order mark at the start of the file is dropped.
/// </summary>
internal sealed class Utf8LineReader : IDisposable
{
    private readonly Stream _stream;
    private readonly int _maxLineBytes;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _endOfStream;
    private long _number;

    public Utf8LineReader(Stream stream, int maxLineBytes, int bufferBytes = 1 << 16)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 1);
        _stream = stream;
        _maxLineBytes = maxLineBytes;
        _buffer = new byte[Math.Min(bufferBytes, maxLineBytes + 1)];
    }

    /// <summary>Lines returned so far, which is the number of the last one.</summary>
    public long LineNumber => _number;

    public bool TryRead(out Utf8Line line)
    {
        var scanFrom = _start;
        var tooLong = false;
        while (true)
        {
            var newline = _buffer.AsSpan(scanFrom, _end - scanFrom).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = Take(scanFrom + newline, tooLong);
                _start = scanFrom + newline + 1;
                return true;
            }
            if (_endOfStream)
            {
                if (_start == _end && !tooLong)
                {
                    line = default;
                    return false;
                }
                line = Take(_end, tooLong);
                _start = _end;
                return true;
            }
            if (_end - _start >= _maxLineBytes)
            {
                tooLong = true;
                _start = _end = 0;
            }
            scanFrom = MakeRoom();
            Fill();
        }
    }

    public void Dispose() => _stream.Dispose();

    private Utf8Line Take(int lineEnd, bool tooLong)
    {
        _number++;
        if (tooLong) return new Utf8Line(ReadOnlyMemory<byte>.Empty, _number, true);
        var start = _start;
        if (_number == 1 && _buffer.AsSpan(start, lineEnd - start).StartsWith("\uFEFF"u8)) start += 3;
        var end = lineEnd > start && _buffer[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
        return new Utf8Line(_buffer.AsMemory(start, end - start), _number, false);
    }

    // Moves the unfinished line, already scanned and free of line breaks, to the front of the
    // buffer, growing the buffer when the line fills it. Returns where unscanned bytes will start.
    private int MakeRoom()
    {
        var pending = _end - _start;
        if (_start > 0)
        {
            _buffer.AsSpan(_start, pending).CopyTo(_buffer);
            _start = 0;
            _end = pending;
        }
        if (_end == _buffer.Length)
        {
            var grown = new byte[(int)Math.Min((long)_buffer.Length * 2, _maxLineBytes + 1L)];
            _buffer.AsSpan(0, _end).CopyTo(grown);
            _buffer = grown;
        }
        return _end;
    }

    private void Fill()
    {
        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0) _endOfStream = true;
        _end += read;
    }
}
