package org.citycard.system.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The compile-time arrows between the modules (DESIGN §1 v2), held on the main classes of every module (system-tests
 * sees them all). Allowed: every module → data-dictionary; terminal-agent, issuance-tool, system-tests and the
 * applets' simulator package ({@code org.citycard.applet.sim}) → card-link; system-tests → everything. Tests of
 * terminal-agent and issuance-tool may use the applets; their test classes are not on this class path, so main code
 * is what is checked. {@code javax.smartcardio} is imported by card-link's {@code pcsc} package and by the
 * simulator, which implements the smartcardio SPI ({@code SimulatorProvider}, {@code SimulatedReader}).
 */
@AnalyzeClasses(packages = "org.citycard", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleArrowsTest {
    private static final String DICTIONARY = "org.citycard.dictionary..";
    private static final String CARD_LINK = "org.citycard.cardlink..";
    private static final String APPLETS = "org.citycard.applet..";
    private static final String SIMULATOR = "org.citycard.applet.sim..";
    private static final String AGENT = "org.citycard.agent..";
    private static final String CLEARING = "org.citycard.clearing..";
    private static final String ISSUANCE = "org.citycard.issuance..";
    private static final String SYSTEM = "org.citycard.system..";

    @ArchTest
    static final ArchRule dictionary_dependsOnNoOtherModule = noClasses()
            .that()
            .resideInAPackage(DICTIONARY)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(CARD_LINK, APPLETS, AGENT, CLEARING, ISSUANCE, SYSTEM)
            .because("data-dictionary is the contract every module depends on (DESIGN §1)");

    @ArchTest
    static final ArchRule cardLink_dependsOnTheDictionaryOnly_neverTheApplets = noClasses()
            .that()
            .resideInAPackage(CARD_LINK)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(APPLETS, AGENT, CLEARING, ISSUANCE, SYSTEM)
            .because("card-link is the host side of the card: it depends on the dictionary, never on the applets");

    @ArchTest
    static final ArchRule applets_useCardLinkOnlyInTheirSimulator = noClasses()
            .that()
            .resideInAPackage(APPLETS)
            .and()
            .resideOutsideOfPackage(SIMULATOR)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(CARD_LINK)
            .because("only the simulator package of card-os-applets may use card-link (DESIGN §1 v2)");

    @ArchTest
    static final ArchRule applets_dependOnNoHostModule = noClasses()
            .that()
            .resideInAPackage(APPLETS)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(AGENT, CLEARING, ISSUANCE, SYSTEM);

    @ArchTest
    static final ArchRule clearingServer_knowsNoCardLinkAgentIssuanceOrApplets = noClasses()
            .that()
            .resideInAPackage(CLEARING)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(CARD_LINK, APPLETS, AGENT, ISSUANCE, SYSTEM)
            .because("the server talks to terminals and the card centre over the wire only (DESIGN §1)");

    @ArchTest
    static final ArchRule terminalAgent_neverTheAppletsTheServerOrTheTool = noClasses()
            .that()
            .resideInAPackage(AGENT)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(APPLETS, CLEARING, ISSUANCE, SYSTEM)
            .because("the agent reaches cards through card-link and the server over the wire; only its tests may"
                    + " run the applets");

    @ArchTest
    static final ArchRule issuanceTool_neverTheAppletsTheServerOrTheAgent = noClasses()
            .that()
            .resideInAPackage(ISSUANCE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(APPLETS, CLEARING, AGENT, SYSTEM)
            .because("the tool reaches cards through card-link and the server over the wire; only its tests may"
                    + " run the applets");

    @ArchTest
    static final ArchRule smartcardio_onlyInCardLinkPcscAndTheSimulator = noClasses()
            .that()
            .resideOutsideOfPackages("org.citycard.cardlink.pcsc..", SIMULATOR)
            .should()
            .dependOnClassesThat()
            .resideInAPackage("javax.smartcardio..")
            .because("javax.smartcardio is imported in one package of card-link (and by the simulator's SPI)");
}
