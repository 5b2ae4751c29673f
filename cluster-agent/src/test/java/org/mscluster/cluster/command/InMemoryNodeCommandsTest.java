package org.mscluster.cluster.command;

class InMemoryNodeCommandsTest extends NodeCommandsContract {
    private final InMemoryNodeCommands commands = new InMemoryNodeCommands();

    @Override
    protected NodeCommands commands() {
        return commands;
    }
}
