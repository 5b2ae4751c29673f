package org.mscluster.cli;

import org.mscluster.mediasoup.Mediasoup;
import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String own = Main.class.getPackage().getImplementationVersion();
        return new String[] {"mscluster " + (own == null ? "dev" : own) + " (mediasoup worker " + Mediasoup.version() + ")"};
    }
}
