package dev.openpsi.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.networknt.schema.regex.RegularExpression;

class EndAnchoredRegularExpressionFactoryTest {

    @Test
    void aFinalDollarMeansEndOfInputLikeInEcma262() {
        RegularExpression dn = EndAnchoredRegularExpressionFactory.INSTANCE.getRegularExpression("^\\+[1-9][0-9]{6,14}$");

        assertTrue(dn.matches("+4989700712345"));
        assertFalse(dn.matches("+4989700712345\n"));
        assertFalse(dn.matches("+4989700712345\r\n"));
    }

    @Test
    void onlyAnUnescapedFinalDollarIsRewrittenAndPatternsStayUnanchoredOtherwise() {
        assertEquals("^a\\z", EndAnchoredRegularExpressionFactory.anchorAtEndOfInput("^a$"));
        assertEquals("^a\\$", EndAnchoredRegularExpressionFactory.anchorAtEndOfInput("^a\\$"));
        assertEquals("^a\\\\\\z", EndAnchoredRegularExpressionFactory.anchorAtEndOfInput("^a\\\\$"));
        assertEquals("[A-Z]", EndAnchoredRegularExpressionFactory.anchorAtEndOfInput("[A-Z]"));
        assertTrue(EndAnchoredRegularExpressionFactory.INSTANCE.getRegularExpression("[0-9]").matches("ab1cd"));
    }
}
