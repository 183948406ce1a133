package io.sluice.api.read;

import java.util.ArrayList;
import java.util.List;

/** The problems found while one document is read, and the mappings its reader opened. */
final class Reading {
    private final List<Problem> problems = new ArrayList<>();
    private final List<Node> opened = new ArrayList<>();

    void add(Problem problem) {
        problems.add(problem);
    }

    void opened(Node node) {
        opened.add(node);
    }

    Node root(Object document) {
        return new Node(document, "", this);
    }

    /** Every problem, once the reader is done: the unread fields of every opened mapping are added. */
    List<Problem> finish() {
        opened.forEach(Node::reportUnread);
        return List.copyOf(problems);
    }
}
