package org.citycard.cardlink.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.card.CardCommand;
import org.junit.jupiter.api.Test;

/**
 * Every command class's status-word table against the dictionary's command set (apdu.yaml): each class names a
 * dictionary command, and every status word its table gives a meaning to is one apdu.yaml lists for that command.
 */
class CommandTablesTest {
    private final Dictionary dict = Dictionary.standard();

    @Test
    void everyCommandClass_namesADictionaryCommand_andOnlyItsStatusWords() throws Exception {
        List<Class<?>> withTables = new ArrayList<>();
        for (Class<?> c : commandClasses()) {
            Field table = staticField(c, StatusTable.class);
            Field command = staticField(c, CardCommand.class);
            if (table == null) {
                continue;
            }
            assertThat(command)
                    .as("%s has a status-word table but no dictionary command", c)
                    .isNotNull();
            CardCommand cmd = (CardCommand) command.get(null);
            assertThat(dict.command(cmd.id())).as(c.getSimpleName()).isNotNull();
            StatusTable t = (StatusTable) table.get(null);
            assertThat(t.statusWords()).as(c.getSimpleName()).isNotEmpty();
            for (int sw : t.statusWords()) {
                assertThat(cmd.statusWords())
                        .as("%s gives a meaning to %04X", c.getSimpleName(), sw)
                        .contains(String.format("%04X", sw));
            }
            withTables.add(c);
        }
        assertThat(withTables).hasSizeGreaterThanOrEqualTo(18);
    }

    @Test
    void aStatusWordNotInApduYaml_isRefusedWhenTheTableIsBuilt() {
        CardCommand verify = dict.command("verify");
        assertThatThrownBy(() -> StatusTable.of(verify).on(0x9401, Reason.ABOVE_LIMIT, "x", "x"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("9401")
                .hasMessageContaining("verify")
                .hasMessageContaining("apdu.yaml");
    }

    @Test
    void aRefusal_namesTheCommandTheStatusWordAndItsMeaning() {
        CardRefusedException e = StatusTable.of(dict.command("verify"))
                .on(0x63C0, Reason.WRONG_PIN, "wrong PIN, x tries left", "PIN 错误，还可尝试 x 次")
                .refusal(0x63C2);
        assertThat(e.getMessage()).isEqualTo("verify answered 63C2: wrong PIN, 2 tries left");
        assertThat(e.triesLeft()).isEqualTo(2);
        assertThat(e.reason()).isEqualTo(Reason.WRONG_PIN);
    }

    private static Field staticField(Class<?> c, Class<?> type) {
        for (Field f : c.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == type) {
                f.setAccessible(true);
                return f;
            }
        }
        return null;
    }

    private static List<Class<?>> commandClasses() throws Exception {
        String pkg = CommandTablesTest.class.getPackageName();
        URL main = StatusTable.class.getProtectionDomain().getCodeSource().getLocation();
        File dir = new File(new File(main.toURI()), pkg.replace('.', '/'));
        List<Class<?>> out = new ArrayList<>();
        for (File f : dir.listFiles()) {
            String name = f.getName();
            if (name.endsWith(".class") && !name.contains("$") && !name.endsWith("Test.class")) {
                out.add(Class.forName(pkg + "." + name.substring(0, name.length() - 6)));
            }
        }
        return out;
    }
}
