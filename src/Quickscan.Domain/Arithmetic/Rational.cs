using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Quickscan.Domain.Arithmetic;

/// <summary>
/// An exact fraction. Scores, means, ties and level thresholds are decided on these, so an exact index of 20
/// is 20 and not 19.999999999999996, and the order respondents are added in can't change a figure.
/// The implicit conversion to double is for charts and statistics that are irrational anyway (square roots);
/// no rule in the domain compares doubles.
/// </summary>
[JsonConverter(typeof(RationalJsonConverter))]
public readonly struct Rational : IEquatable<Rational>, IComparable<Rational>, IComparable, IFormattable
{
    private readonly BigInteger _numerator;
    private readonly BigInteger _denominator; // 0 only in default(Rational), which means 0/1

    private Rational(BigInteger numerator, BigInteger denominator, bool normalised)
    {
        _numerator = numerator;
        _denominator = denominator;
    }

    public static Rational Zero => default;

    public static Rational One => new(1, 1, true);

    public BigInteger Numerator => _denominator.IsZero ? BigInteger.Zero : _numerator;

    public BigInteger Denominator => _denominator.IsZero ? BigInteger.One : _denominator;

    public int Sign => Numerator.Sign;

    public static Rational Of(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero)
            throw new DivideByZeroException();
        if (denominator.Sign < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }

        var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
        return gcd.IsOne || gcd.IsZero ? new(numerator, denominator, true) : new(numerator / gcd, denominator / gcd, true);
    }

    public static implicit operator Rational(int value) => new(value, 1, true);

    public static implicit operator Rational(long value) => new(value, 1, true);

    /// <summary>Exact: a decimal is an integer times a power of ten.</summary>
    public static implicit operator Rational(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var magnitude = ((BigInteger)(uint)bits[2] << 64) | ((BigInteger)(uint)bits[1] << 32) | (uint)bits[0];
        var scale = (bits[3] >> 16) & 0xFF;
        if ((bits[3] & int.MinValue) != 0)
            magnitude = -magnitude;
        return Of(magnitude, BigInteger.Pow(10, scale));
    }

    public static implicit operator double(Rational value) => value.ToDouble();

    public static explicit operator decimal(Rational value) => value.ToDecimal();

    public static Rational operator +(Rational a, Rational b) =>
        Of((a.Numerator * b.Denominator) + (b.Numerator * a.Denominator), a.Denominator * b.Denominator);

    public static Rational operator -(Rational a, Rational b) =>
        Of((a.Numerator * b.Denominator) - (b.Numerator * a.Denominator), a.Denominator * b.Denominator);

    public static Rational operator -(Rational a) => new(-a.Numerator, a.Denominator, true);

    public static Rational operator *(Rational a, Rational b) => Of(a.Numerator * b.Numerator, a.Denominator * b.Denominator);

    public static Rational operator /(Rational a, Rational b) => Of(a.Numerator * b.Denominator, a.Denominator * b.Numerator);

    public static bool operator ==(Rational a, Rational b) => a.Equals(b);

    public static bool operator !=(Rational a, Rational b) => !a.Equals(b);

    public static bool operator <(Rational a, Rational b) => a.CompareTo(b) < 0;

    public static bool operator >(Rational a, Rational b) => a.CompareTo(b) > 0;

    public static bool operator <=(Rational a, Rational b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Rational a, Rational b) => a.CompareTo(b) >= 0;

    public static Rational Min(Rational a, Rational b) => a <= b ? a : b;

    public static Rational Max(Rational a, Rational b) => a >= b ? a : b;

    public Rational Abs() => Sign < 0 ? -this : this;

    public bool Equals(Rational other) => Numerator == other.Numerator && Denominator == other.Denominator;

    public override bool Equals(object? obj) => obj is Rational other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Numerator, Denominator);

    public int CompareTo(Rational other) => (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    public int CompareTo(object? obj) => obj is Rational other ? CompareTo(other) : 1;

    /// <summary>Rounded half away from zero to a number of decimals: the one rounding rule for display.</summary>
    public decimal Round(int decimals = 0)
    {
        var scale = BigInteger.Pow(10, decimals);
        var scaled = Numerator * scale * 2;
        var twice = Denominator;
        // round(x) = sign(x) · floor(|x| + 1/2), on integers: floor((2|n| + d) / 2d)
        var magnitude = (BigInteger.Abs(scaled) + twice) / (2 * twice);
        return (decimal)(Sign < 0 ? -magnitude : magnitude) / (decimal)scale;
    }

    /// <summary>The nearest double (one correctly rounded division when both parts are small, as scores' are).</summary>
    public double ToDouble()
    {
        var n = Numerator;
        var d = Denominator;
        if (BigInteger.Abs(n) < ExactInDouble && d < ExactInDouble)
            return (double)n / (double)d;
        // Scale the quotient to about 64 significant bits, then back by a power of two.
        var shift = (int)(d.GetBitLength() - BigInteger.Abs(n).GetBitLength()) + 64;
        var quotient = shift >= 0 ? (n << shift) / d : n / (d << -shift);
        return Math.ScaleB((double)quotient, -shift);
    }

    private static readonly BigInteger ExactInDouble = BigInteger.One << 53;

    /// <summary>Exact when the fraction is a decimal of at most 28 digits; otherwise rounded to 20 decimals.</summary>
    public decimal ToDecimal() => TryToExactDecimal(out var exact) ? exact : Round(20);

    /// <summary>Whether the fraction is a finite decimal that fits a decimal, such as 52.5 (but not 1/3).</summary>
    public bool TryToExactDecimal(out decimal value)
    {
        value = 0;
        var d = Denominator;
        var scale = 0;
        var multiplier = BigInteger.One;
        while (scale <= 28)
        {
            if ((multiplier % d).IsZero)
            {
                var scaled = Numerator * (multiplier / d);
                if (BigInteger.Abs(scaled) > (BigInteger)decimal.MaxValue)
                    return false;
                value = (decimal)scaled / (decimal)multiplier;
                return true;
            }

            multiplier *= 10;
            scale++;
        }

        return false;
    }

    /// <summary>The exact text: a decimal such as "52.5" when the fraction has one, otherwise "175/3".</summary>
    public override string ToString() =>
        TryToExactDecimal(out var exact)
            ? exact.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{Numerator}/{Denominator}");

    /// <summary>Formats the value rounded half away from zero (the decimal's own formatting does that too).</summary>
    public string ToString(string? format, IFormatProvider? formatProvider) =>
        format is null ? ToString() : ToDecimal().ToString(format, formatProvider);

    public static Rational Parse(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
            return decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return Of(BigInteger.Parse(text[..slash], CultureInfo.InvariantCulture), BigInteger.Parse(text[(slash + 1)..], CultureInfo.InvariantCulture));
    }

    /// <summary>The shortest decimal that reads back as the double, taken exactly (for values stored as doubles before).</summary>
    public static Rational FromDouble(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(nameof(value), "Not a number.");
        return Parse(value.ToString("R", CultureInfo.InvariantCulture));
    }
}

/// <summary>Writes a number when the value is a finite decimal, otherwise the string "p/q"; reads both.</summary>
public sealed class RationalJsonConverter : JsonConverter<Rational>
{
    public override Rational Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
            return Rational.Parse(reader.GetString()!);
        if (reader.TryGetDecimal(out var exact))
            return exact;
        return Rational.FromDouble(reader.GetDouble());
    }

    public override void Write(Utf8JsonWriter writer, Rational value, JsonSerializerOptions options)
    {
        if (value.TryToExactDecimal(out var exact))
            writer.WriteNumberValue(exact);
        else
            writer.WriteStringValue(value.ToString());
    }
}
