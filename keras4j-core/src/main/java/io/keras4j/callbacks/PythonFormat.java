package io.keras4j.callbacks;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Map;

/**
 * The part of Python's {@code str.format} that Keras's file-name templates use
 * ({@code "model-{epoch:02d}-{val_loss:.2f}.keras"}) and Python's {@code str(float)}, so that the
 * names and CSV cells match what Keras writes: replacement fields {@code {name}} and
 * {@code {name:spec}}, {@code {{}} and {@code }}} escapes, and the format-spec mini-language
 * {@code [[fill]align][sign][0][width][,|_][.precision][type]} with types d, f, F, e, E, g, G, %, s.
 * Rounding is half-even on the exact binary value, as CPython's.
 */
final class PythonFormat {
    private PythonFormat() {}

    /** Fills {@code template}; a name missing from {@code values} fails with Python's KeyError text. */
    static String format(String template, Map<String, ?> values) {
        StringBuilder out = new StringBuilder();
        int i = 0, n = template.length();
        while (i < n) {
            char c = template.charAt(i);
            if (c == '{' && i + 1 < n && template.charAt(i + 1) == '{') { out.append('{'); i += 2; continue; }
            if (c == '}' && i + 1 < n && template.charAt(i + 1) == '}') { out.append('}'); i += 2; continue; }
            if (c == '}') throw new IllegalArgumentException("Single '}' encountered in format string");
            if (c != '{') { out.append(c); i++; continue; }
            int end = template.indexOf('}', i);
            if (end < 0) throw new IllegalArgumentException("Single '{' encountered in format string");
            String field = template.substring(i + 1, end);
            int colon = field.indexOf(':');
            String name = colon < 0 ? field : field.substring(0, colon);
            String spec = colon < 0 ? "" : field.substring(colon + 1);
            if (!values.containsKey(name)) throw new MissingKey(name);
            out.append(formatValue(values.get(name), spec));
            i = end + 1;
        }
        return out.toString();
    }

    /** Python's KeyError for a replacement field that names no value; its message is {@code 'name'}. */
    static final class MissingKey extends IllegalArgumentException {
        MissingKey(String key) { super("'" + key + "'"); }
    }

    /** Python's {@code str(x)} of a float: the shortest repr, exponent form below 1e-4 and from 1e16. */
    static String repr(double x) {
        if (Double.isNaN(x)) return "nan";
        if (Double.isInfinite(x)) return x > 0 ? "inf" : "-inf";
        if (x == 0) return (1 / x < 0) ? "-0.0" : "0.0";
        BigDecimal d = new BigDecimal(Double.toString(x)).stripTrailingZeros();
        String digits = d.unscaledValue().abs().toString();
        int exp = digits.length() - 1 - d.scale(); // decimal exponent of the leading digit
        String sign = x < 0 ? "-" : "";
        if (exp < -4 || exp >= 16) {
            String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        String plain = d.abs().toPlainString();
        return sign + (plain.contains(".") ? plain : plain + ".0");
    }

    static String formatValue(Object v, String spec) {
        Spec s = Spec.parse(spec);
        String body;
        boolean numeric = v instanceof Number;
        if (!numeric) {
            if (s.type != 0 && s.type != 's') throw new IllegalArgumentException("Unknown format code '" + s.type + "' for object of type 'str'");
            body = String.valueOf(v);
            if (s.precision >= 0 && body.length() > s.precision) body = body.substring(0, s.precision);
            return pad("", body, s, '<');
        }
        boolean integral = v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte;
        double x = ((Number) v).doubleValue();
        char type = s.type;
        if (integral && type == 0) type = 'd';
        if (integral && type == 'd') {
            long l = ((Number) v).longValue();
            return pad(sign(l < 0, s), group(Long.toString(Math.abs(l)), s.grouping), s, '>');
        }
        if (type == 'd') throw new IllegalArgumentException("Unknown format code 'd' for object of type 'float'");
        if (type == 's') throw new IllegalArgumentException("Unknown format code 's' for object of type 'float'");
        boolean neg = x < 0 || (x == 0 && 1 / x < 0);
        double a = Math.abs(x);
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            String t = Double.isNaN(x) ? "nan" : "inf";
            if (Character.isUpperCase(type)) t = t.toUpperCase();
            return pad(sign(!Double.isNaN(x) && neg, s), t + (type == '%' ? "%" : ""), s, '>');
        }
        switch (type) {
            case 'f', 'F' -> body = fixed(a, s.precision < 0 ? 6 : s.precision, s.grouping);
            case '%' -> body = fixed(a * 100, s.precision < 0 ? 6 : s.precision, s.grouping) + "%";
            case 'e', 'E' -> body = sci(a, s.precision < 0 ? 6 : s.precision, type == 'E');
            case 'g', 'G' -> body = general(a, s.precision < 0 ? 6 : Math.max(1, s.precision), type == 'G', false);
            case 0 -> body = s.precision < 0 ? repr(a) : general(a, Math.max(1, s.precision), false, true);
            default -> throw new IllegalArgumentException("Unknown format code '" + type + "' for object of type 'float'");
        }
        return pad(sign(neg, s), body, s, '>');
    }

    private static String fixed(double a, int precision, char grouping) {
        String t = new BigDecimal(a).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
        if (grouping == 0) return t;
        int dot = t.indexOf('.');
        return group(dot < 0 ? t : t.substring(0, dot), grouping) + (dot < 0 ? "" : t.substring(dot));
    }

    private static String sci(double a, int precision, boolean upper) {
        String mant;
        int exp;
        if (a == 0) {
            mant = precision == 0 ? "0" : "0." + "0".repeat(precision);
            exp = 0;
        } else {
            BigDecimal r = new BigDecimal(a).round(new MathContext(precision + 1, RoundingMode.HALF_EVEN));
            String digits = r.unscaledValue().toString();
            digits = (digits + "0".repeat(precision + 1)).substring(0, precision + 1);
            exp = r.precision() - r.scale() - 1;
            mant = precision == 0 ? digits : digits.charAt(0) + "." + digits.substring(1);
        }
        return mant + (upper ? "E" : "e") + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }

    /** 'g': fixed or exponent form by the exponent after rounding, trailing zeros dropped. */
    private static String general(double a, int p, boolean upper, boolean keepPoint) {
        int exp = 0;
        if (a != 0) {
            BigDecimal r = new BigDecimal(a).round(new MathContext(p, RoundingMode.HALF_EVEN));
            exp = r.precision() - r.scale() - 1;
        }
        String t;
        if (exp >= -4 && exp < p) {
            t = stripZeros(new BigDecimal(a).setScale(p - 1 - exp, RoundingMode.HALF_EVEN).toPlainString());
            // Python's format without a type keeps at least one digit after the point.
            if (keepPoint && !t.contains(".")) t += ".0";
        } else {
            String e = sci(a, p - 1, upper);
            int at = e.indexOf(upper ? 'E' : 'e');
            t = stripZeros(e.substring(0, at)) + e.substring(at);
        }
        return t;
    }

    private static String stripZeros(String t) {
        if (!t.contains(".")) return t;
        t = t.replaceAll("0+$", "");
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }

    private static String group(String intDigits, char sep) {
        if (sep == 0) return intDigits;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < intDigits.length(); i++) {
            if (i > 0 && (intDigits.length() - i) % 3 == 0) b.append(sep);
            b.append(intDigits.charAt(i));
        }
        return b.toString();
    }

    private static String sign(boolean negative, Spec s) {
        if (negative) return "-";
        return s.sign == '+' ? "+" : s.sign == ' ' ? " " : "";
    }

    private static String pad(String sign, String body, Spec s, char defaultAlign) {
        int len = sign.length() + body.length();
        if (s.width <= len) return sign + body;
        String fill = String.valueOf(s.fill).repeat(s.width - len);
        char align = s.align != 0 ? s.align : defaultAlign;
        return switch (align) {
            case '<' -> sign + body + fill;
            case '^' -> {
                int left = (s.width - len) / 2;
                yield String.valueOf(s.fill).repeat(left) + sign + body + String.valueOf(s.fill).repeat(s.width - len - left);
            }
            case '=' -> sign + fill + body;
            default -> fill + sign + body;
        };
    }

    private record Spec(char fill, char align, char sign, int width, char grouping, int precision, char type) {
        static Spec parse(String spec) {
            int i = 0, n = spec.length();
            char fill = ' ', align = 0, sign = 0, grouping = 0, type = 0;
            int width = 0, precision = -1;
            if (n >= 2 && "<>=^".indexOf(spec.charAt(1)) >= 0) { fill = spec.charAt(0); align = spec.charAt(1); i = 2; }
            else if (n >= 1 && "<>=^".indexOf(spec.charAt(0)) >= 0) { align = spec.charAt(0); i = 1; }
            if (i < n && "+- ".indexOf(spec.charAt(i)) >= 0) sign = spec.charAt(i++);
            if (i < n && spec.charAt(i) == '0') {
                // '0' before the width: zero padding after the sign, unless an alignment was given.
                if (align == 0) { fill = '0'; align = '='; }
                i++;
            }
            int w = i;
            while (i < n && Character.isDigit(spec.charAt(i))) i++;
            if (i > w) width = Integer.parseInt(spec.substring(w, i));
            if (i < n && (spec.charAt(i) == ',' || spec.charAt(i) == '_')) grouping = spec.charAt(i++);
            if (i < n && spec.charAt(i) == '.') {
                int p = ++i;
                while (i < n && Character.isDigit(spec.charAt(i))) i++;
                if (i == p) throw new IllegalArgumentException("Format specifier missing precision");
                precision = Integer.parseInt(spec.substring(p, i));
            }
            if (i < n) type = spec.charAt(i++);
            if (i < n) throw new IllegalArgumentException("Invalid format specifier '" + spec + "'");
            return new Spec(fill, align, sign, width, grouping, precision, type);
        }
    }
}
