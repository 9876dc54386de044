package dev.nethergaze.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one-line SSH summary of an IP, as the text report's and the console's rows show it. */
class AuthSummaryTest {

    /**
     * User names are what a client sent (Dropbear logs them raw; a journal entry carries them as sent):
     * control characters are shown escaped, as in evidence lines, so the summary stays one line and a
     * name cannot drive the terminal. Before, a name with a line feed broke the replay report's row in two.
     */
    @Test
    void controlCharactersInUserNamesAreShownEscaped() {
        AuthSummary a = new AuthSummary(3, 3, 0, 0, 0, List.of("x\r\ny", "\u001b[31mevil\u001b]0;pwned\u0007", "root"));
        assertThat(a.describe())
                .isEqualTo(
                        "ssh: 3 failed (3 as invalid users); users x\\x0d\\x0ay, \\x1b[31mevil\\x1b]0;pwned\\x07, root")
                .doesNotContain("\n", "\r", "\u001b", "\u0007");
        assertThat(a.users()).first().isEqualTo("x\r\ny"); // the names themselves (JSON's users[]) stay as sent
    }

    /** A right-to-left override in a name is shown, not obeyed: "admin\u202etxt.exe", not "adminexe.txt". */
    @Test
    void bidiOverridesInUserNamesAreShownEscaped() {
        AuthSummary a = new AuthSummary(1, 1, 0, 0, 0, List.of("admin\u202Etxt.exe"));
        assertThat(a.describe()).isEqualTo("ssh: 1 failed (1 as an invalid user); users admin\\u202etxt.exe");
        assertThat(a.users()).containsExactly("admin\u202Etxt.exe");
    }
}
