package dev.openpsi.events;

import java.util.regex.Pattern;

import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;

/**
 * Schema {@code pattern}s with ECMA-262's meaning of a final {@code $}: end of input. With plain
 * {@code java.util.regex}, {@code $} also matches before a trailing line break, so
 * {@code "+4989700712345\n"} would pass {@code ^\+[1-9][0-9]{6,14}$} and a newline could be smuggled
 * into a DN or an id (and from there into keys, headers and logs). A final unescaped {@code $} is
 * therefore compiled as {@code \z}. Patterns are unanchored otherwise, as JSON Schema requires.
 */
final class EndAnchoredRegularExpressionFactory implements RegularExpressionFactory {

    static final EndAnchoredRegularExpressionFactory INSTANCE = new EndAnchoredRegularExpressionFactory();

    private EndAnchoredRegularExpressionFactory() {
    }

    @Override
    public RegularExpression getRegularExpression(String regex) {
        Pattern pattern = Pattern.compile(anchorAtEndOfInput(regex));
        return value -> pattern.matcher(value).find();
    }

    static String anchorAtEndOfInput(String regex) {
        if (!regex.endsWith("$")) {
            return regex;
        }
        int backslashes = 0;
        for (int i = regex.length() - 2; i >= 0 && regex.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        // An odd number of backslashes means the '$' is a literal dollar sign.
        return backslashes % 2 == 1 ? regex : regex.substring(0, regex.length() - 1) + "\\z";
    }
}
