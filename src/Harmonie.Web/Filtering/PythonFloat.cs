using System.Globalization;
using System.Text;

namespace Harmonie.Web.Filtering;

/// <summary>
/// Parses numbers the way Python's <c>float()</c> does, so URL filters accept what the original accepted:
/// surrounding whitespace, a sign, <c>_</c> between digits, exponents, any Unicode decimal digits, and
/// (case-insensitively) <c>inf</c>, <c>infinity</c> and <c>nan</c>. Hex, commas and bare <c>_</c> are rejected.
/// </summary>
public static class PythonFloat
{
    public static bool TryParse(ReadOnlySpan<char> text, out double value)
    {
        value = 0;
        var s = text.Trim();
        var negative = false;
        if (s.Length > 0 && (s[0] == '+' || s[0] == '-'))
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s.Equals("inf", StringComparison.OrdinalIgnoreCase) || s.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        if (s.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }

        // Rebuild an ASCII literal following the grammar: [digitpart] "." digitpart | digitpart ["."], then [exponent].
        var ascii = new StringBuilder(s.Length + 1);
        ascii.Append(negative ? '-' : '+');
        var position = 0;
        var integerDigits = ReadDigitPart(s, ref position, ascii);
        if (integerDigits < 0)
        {
            return false;
        }

        var fractionDigits = 0;
        if (position < s.Length && s[position] == '.')
        {
            position++;
            ascii.Append('.');
            fractionDigits = ReadDigitPart(s, ref position, ascii);
            if (fractionDigits < 0)
            {
                return false;
            }
        }

        if (integerDigits == 0 && fractionDigits == 0)
        {
            return false;
        }

        if (position < s.Length && (s[position] == 'e' || s[position] == 'E'))
        {
            position++;
            ascii.Append('e');
            if (position < s.Length && (s[position] == '+' || s[position] == '-'))
            {
                ascii.Append(s[position]);
                position++;
            }

            if (ReadDigitPart(s, ref position, ascii) <= 0)
            {
                return false;
            }
        }

        return position == s.Length
            && double.TryParse(ascii.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Reads <c>digit (["_"] digit)*</c>; returns the digit count (0 if none) or -1 on a misplaced <c>_</c>.</summary>
    private static int ReadDigitPart(ReadOnlySpan<char> s, ref int position, StringBuilder ascii)
    {
        var digits = 0;
        while (position < s.Length)
        {
            var digit = CharUnicodeInfo.GetDecimalDigitValue(s[position]);
            if (digit >= 0)
            {
                ascii.Append((char)('0' + digit));
                digits++;
                position++;
            }
            else if (s[position] == '_')
            {
                var next = position + 1 < s.Length ? CharUnicodeInfo.GetDecimalDigitValue(s[position + 1]) : -1;
                if (digits == 0 || next < 0)
                {
                    return -1;
                }

                position++;
            }
            else
            {
                break;
            }
        }

        return digits;
    }
}
