package org.mscluster.cli.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The module graph of ARCHITECTURE.md, checked on the main classes of every module (the cli module's test
 * class path holds them all): a request reads straight down the layers, and no layer reaches past the one
 * below it or up into one above.
 */
class ModuleBoundariesTest {

    private static final String BRIDGE = "org.mscluster.channel..";
    private static final String GENERATED_CHANNEL = "FBS..";
    private static final String MEDIASOUP = "org.mscluster.mediasoup..";
    private static final String CLUSTER = "org.mscluster.cluster..";
    private static final String SIGNALING = "org.mscluster.signaling..";
    private static final String CLI = "org.mscluster.cli..";
    private static final String REDIS_CLIENT = "redis.clients..";

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // Test fixtures shared as test-jars are test code too.
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("org.mscluster");

    @Test
    void theBridgeKnowsNoMediasoupObjects() {
        noClasses().that().resideInAPackage(BRIDGE)
                .should().dependOnClassesThat().resideInAnyPackage(MEDIASOUP, CLUSTER, SIGNALING, CLI)
                .check(MAIN);
    }

    @Test
    void theMediasoupApiKnowsNoProtooRoomOrCluster() {
        noClasses().that().resideInAPackage(MEDIASOUP)
                .should().dependOnClassesThat().resideInAnyPackage(CLUSTER, SIGNALING, CLI, REDIS_CLIENT, "io.netty..")
                .check(MAIN);
    }

    @Test
    void theClusterAgentKnowsNoRoutersOrSockets() {
        noClasses().that().resideInAPackage(CLUSTER)
                .should().dependOnClassesThat().resideInAnyPackage(MEDIASOUP, BRIDGE, GENERATED_CHANNEL, SIGNALING, CLI,
                        "io.netty..")
                .check(MAIN);
    }

    @Test
    void nothingImportsTheCli() {
        noClasses().that().resideOutsideOfPackage(CLI)
                .should().dependOnClassesThat().resideInAPackage(CLI)
                .check(MAIN);
    }

    @Test
    void onlyTheClusterAgentSpeaksRedis() {
        noClasses().that().resideOutsideOfPackage(CLUSTER)
                .should().dependOnClassesThat().resideInAPackage(REDIS_CLIENT)
                .check(MAIN);
    }

    @Test
    void signalingReachesTheChannelOnlyThroughTheMediasoupApi() {
        noClasses().that().resideInAPackage(SIGNALING)
                .should().dependOnClassesThat().resideInAnyPackage(BRIDGE, GENERATED_CHANNEL)
                .check(MAIN);
    }

    @Test
    void theCliReachesTheBridgeOnlyToRunAMediaHost() {
        // `mscluster media start` runs the bridge's media host (a server of worker channels); nothing
        // else of the bridge, and never a channel message, is the CLI's business.
        noClasses().that().resideInAPackage(CLI)
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAnyPackage(BRIDGE, GENERATED_CHANNEL)
                        .and(DescribedPredicate.not(JavaClass.Predicates.resideInAPackage("org.mscluster.channel.remote..")))
                        .and(DescribedPredicate.not(JavaClass.Predicates.belongToAnyOf(
                                org.mscluster.channel.NativeBinaries.class, org.mscluster.channel.MediasoupVersion.class))))
                .check(MAIN);
    }

    @Test
    void signalingPackagesHaveNoCycles() {
        slices().matching("org.mscluster.signaling.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theNodeAssemblyAtTheSignalingRootIsImportedByNoSignalingPackage() {
        // The root package assembles a node from the feature packages; a feature package reaching back
        // into it would be a cycle the slice rule above cannot see (the root is no slice of its own).
        noClasses().that().resideInAPackage("org.mscluster.signaling.(*)..")
                .should().dependOnClassesThat().resideInAPackage("org.mscluster.signaling")
                .check(MAIN);
    }

    @Test
    void clusterAgentPackagesHaveNoCycles() {
        slices().matching("org.mscluster.cluster.(*)..").should().beFreeOfCycles().check(MAIN);
    }
}
