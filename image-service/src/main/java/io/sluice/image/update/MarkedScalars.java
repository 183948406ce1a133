package io.sluice.image.update;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.comments.CommentType;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.CommentEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * Finds the setter markers of one YAML file and the scalar each one sets, from the parser's events with
 * their positions, so that the value can be replaced in the text without writing the YAML anew. A marker
 * belongs, as in kyaml, to the value whose line comment it is; markers anywhere else are reported.
 */
final class MarkedScalars {
    /** A marked scalar value: where its text is (char offsets, quotes included), its style and value. */
    record Site(SetterMarker marker, int line, int start, int end, ScalarStyle style, String value, ObjectId object) {
    }

    record Scan(List<Site> sites, List<SetterProblem> problems) {
    }

    private enum Role { KEY, VALUE }

    /** Where a node event sits in the tree: key or value, which document, and the mapping keys above it. */
    private record Place(Role role, int document, List<String> path) {
    }

    private static final class Frame {
        final boolean mapping;
        final List<String> path;
        boolean expectKey = true;
        String key = "";

        Frame(boolean mapping, List<String> path) {
            this.mapping = mapping;
            this.path = path;
        }
    }

    private final String file;
    private final String text;
    private final List<Event> events = new ArrayList<>();
    private final Map<Event, Place> places = new IdentityHashMap<>(); // events compare by their text
    private final List<Map<String, String>> documents = new ArrayList<>();

    private MarkedScalars(String file, String text) {
        this.file = file;
        this.text = text;
    }

    /** The markers of {@code text}; a YAMLException if it is not YAML. */
    static Scan scan(String file, String text) {
        MarkedScalars scanner = new MarkedScalars(file, text);
        LoaderOptions options = new LoaderOptions();
        options.setProcessComments(true);
        new Yaml(options).parse(new StringReader(text)).forEach(scanner.events::add);
        scanner.placeNodes();
        return scanner.markers();
    }

    private void placeNodes() {
        Deque<Frame> stack = new ArrayDeque<>();
        for (Event event : events) {
            Frame top = stack.peek();
            if (event instanceof DocumentStartEvent) {
                documents.add(new HashMap<>());
            } else if (event instanceof CollectionStartEvent) {
                place(event, top);
                stack.push(new Frame(event instanceof MappingStartEvent, childPath(top)));
            } else if (event instanceof CollectionEndEvent) {
                stack.pop();
                advance(stack.peek());
            } else if (event instanceof ScalarEvent || event instanceof AliasEvent) {
                Place place = place(event, top);
                if (place.role == Role.KEY && event instanceof ScalarEvent scalar) {
                    top.key = scalar.getValue();
                } else if (event instanceof ScalarEvent scalar) {
                    documents.get(documents.size() - 1).putIfAbsent(String.join(".", place.path), scalar.getValue());
                }
                advance(top);
            }
        }
    }

    private Place place(Event event, Frame top) {
        Role role = top != null && top.mapping && top.expectKey ? Role.KEY : Role.VALUE;
        Place place = new Place(role, documents.size() - 1, role == Role.KEY ? List.of() : childPath(top));
        places.put(event, place);
        return place;
    }

    private static List<String> childPath(Frame top) {
        if (top == null) {
            return List.of();
        }
        List<String> path = new ArrayList<>(top.path);
        path.add(top.mapping ? top.key : "[]");
        return path;
    }

    private static void advance(Frame top) {
        if (top != null && top.mapping) {
            top.expectKey = !top.expectKey;
        }
    }

    private Scan markers() {
        List<Site> sites = new ArrayList<>();
        List<SetterProblem> problems = new ArrayList<>();
        for (Event event : events) {
            if (!(event instanceof CommentEvent comment) || !comment.getValue().contains(SetterMarker.KEY)) {
                continue;
            }
            int line = comment.getStartMark().getLine() + 1;
            SetterMarker marker;
            try {
                marker = SetterMarker.parse(comment.getValue());
            } catch (SetterMarker.Malformed malformed) {
                problems.add(new SetterProblem(file, line, null, malformed.getMessage()));
                continue;
            }
            if (comment.getCommentType() != CommentType.IN_LINE) {
                problems.add(new SetterProblem(file, line, marker.setter(), "the marker stands on a line of its own: "
                        + "a setter marker is read only as the comment at the end of the value's line"));
                continue;
            }
            Event owner = ownerOf(comment);
            String misplaced = misplaced(owner);
            if (misplaced != null) {
                problems.add(new SetterProblem(file, line, marker.setter(), misplaced));
                continue;
            }
            ScalarEvent scalar = (ScalarEvent) owner;
            Place place = places.get(scalar);
            sites.add(new Site(marker, scalar.getStartMark().getLine() + 1, offset(scalar.getStartMark().getIndex()),
                    offset(scalar.getEndMark().getIndex()), scalar.getScalarStyle(), scalar.getValue(), objectOf(place.document)));
        }
        return new Scan(sites, problems);
    }

    /** The last node event on the comment's line (starting or ending there) before the comment. */
    private Event ownerOf(CommentEvent comment) {
        int line = comment.getStartMark().getLine();
        int at = comment.getStartMark().getIndex();
        Event owner = null;
        for (Event event : events) {
            boolean node = event instanceof NodeEvent || event instanceof CollectionEndEvent;
            int start = event.getStartMark().getIndex();
            int end = event.getEndMark().getIndex();
            boolean onLine = event.getStartMark().getLine() == line || event.getEndMark().getLine() == line;
            if (node && end > start && start < at && onLine && (owner == null || start >= owner.getStartMark().getIndex())) {
                owner = event;
            }
        }
        return owner;
    }

    /** Why a marker cannot set {@code owner}, or null if it can. */
    private String misplaced(Event owner) {
        if (owner == null) {
            return "there is no value on the marker's line to set";
        }
        if (!(owner instanceof ScalarEvent scalar)) {
            return owner instanceof AliasEvent ? "the marker is on an alias, not on a scalar value"
                    : "the marker is on a list or map, not on a scalar value";
        }
        if (places.get(owner).role == Role.KEY) {
            return "the marker is on the mapping key \"" + scalar.getValue() + "\", not on a value: "
                    + "put the value on the key's line";
        }
        if (scalar.getScalarStyle() == ScalarStyle.LITERAL || scalar.getScalarStyle() == ScalarStyle.FOLDED) {
            return "the marker is on a block scalar (| or >); setters set plain or quoted scalars only";
        }
        if (scalar.getAnchor() != null || scalar.getTag() != null) {
            return "the marker is on a scalar with an anchor or tag; setters set plain or quoted scalars only";
        }
        return null;
    }

    private ObjectId objectOf(int document) {
        Map<String, String> fields = documents.get(document);
        return new ObjectId(fields.getOrDefault("apiVersion", ""), fields.getOrDefault("kind", ""),
                fields.getOrDefault("metadata.name", ""), fields.getOrDefault("metadata.namespace", ""));
    }

    /** The parser counts code points; the text is indexed in chars. */
    private int offset(int codePointIndex) {
        return text.offsetByCodePoints(0, codePointIndex);
    }
}
