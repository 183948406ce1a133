package io.sluice.apply.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.api.argo.IgnoreDifference;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which fields each kind of ignoreDifferences rule leaves out, and what RespectIgnoreDifferences keeps. */
class IgnoredFieldsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode deployment(int replicas, String webImage) {
        return json("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web','namespace':'shop',"
                + "'managedFields':[{'manager':'autoscaler','operation':'Update','fieldsV1':{'f:spec':{'f:replicas':{},"
                + "'f:template':{'f:spec':{'f:containers':{'k:{\\'name\\':\\'sidecar\\'}':{'.':{},'f:image':{}}}}}}}}]},"
                + "'spec':{'replicas':" + replicas + ",'template':{'spec':{'containers':["
                + "{'name':'sidecar','image':'envoy:1'},{'name':'web','image':'" + webImage + "'}]}}}}");
    }

    private static IgnoreRule rule(List<String> pointers, List<String> jq, Set<String> managers) {
        return new IgnoreRule("apps", "Deployment", null, null, pointers, jq.stream().map(JqPath::compile).toList(),
                managers);
    }

    private static IgnoredFields ignored(IgnoreRule rule, JsonNode live) {
        return new IgnoredFields(new DiffOptions(true, List.of(rule)).rulesFor("apps/v1", "Deployment", "shop", "web"),
                live);
    }

    @Test
    void pointersJqAndManagersEachRemoveTheirFields() {
        JsonNode live = deployment(3, "nginx:2");
        JsonNode byPointer = live.deepCopy();
        ignored(rule(List.of("/spec/replicas", "/spec/absent"), List.of(), Set.of()), live).removeFrom(byPointer);
        assertTrue(byPointer.path("spec").path("replicas").isMissingNode());

        JsonNode byJq = live.deepCopy();
        ignored(rule(List.of(), List.of(".spec.template.spec.containers[] | select(.name == \"web\") | .image"),
                Set.of()), live).removeFrom(byJq);
        assertEquals("{\"name\":\"web\"}", byJq.at("/spec/template/spec/containers/1").toString());
        assertEquals("envoy:1", byJq.at("/spec/template/spec/containers/0/image").asText());

        // The desired object lists the containers the other way round: the sidecar is found by its key.
        JsonNode desired = json("{'spec':{'replicas':1,'template':{'spec':{'containers':[{'name':'web','image':'nginx:1'},"
                + "{'name':'sidecar','image':'envoy:0'}]}}}}");
        ignored(rule(List.of(), List.of(), Set.of("autoscaler")), live).removeFrom(desired);
        assertEquals("{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1\"},"
                + "{\"name\":\"sidecar\"}]}}}}", desired.toString());
    }

    @Test
    void respectIgnoreDifferencesTakesLiveValuesAndDropsWhatLiveLacks() {
        JsonNode live = deployment(3, "nginx:2");
        JsonNode desired = json("{'metadata':{'labels':{'tier':'web'}},'spec':{'replicas':1,'template':{'spec':"
                + "{'containers':[{'name':'sidecar','image':'envoy:1'},{'name':'web','image':'nginx:9'}]}}}}");
        ignored(rule(List.of("/spec/replicas", "/metadata/labels"), List.of(), Set.of()), live)
                .takeLiveValuesInto(desired);
        assertEquals(3, desired.at("/spec/replicas").asInt());
        assertTrue(desired.at("/metadata/labels").isMissingNode());
        assertEquals("nginx:9", desired.at("/spec/template/spec/containers/1/image").asText());
    }

    @Test
    void rulesMatchByGroupKindGlobNameAndNamespace() {
        IgnoreRule any = new IgnoreRule("*", "*", null, "shop", List.of("/x"), List.of(), Set.of());
        IgnoreRule core = new IgnoreRule("", "ConfigMap", "settings", null, List.of("/x"), List.of(), Set.of());
        DiffOptions options = new DiffOptions(false, List.of(any, core));
        assertEquals(List.of(any), options.rulesFor("apps/v1", "Deployment", "shop", "web"));
        assertEquals(List.of(core), options.rulesFor("v1", "ConfigMap", "other", "settings"));
        assertEquals(List.of(), options.rulesFor("v1", "ConfigMap", "other", "web"));
    }

    @Test
    void eachJqExpressionIsCompiledOnceAndAMistakeNamesItsField() {
        List<IgnoreDifference> entries = List.of(new IgnoreDifference("", "Deployment", null, null,
                List.of("/spec/replicas"), List.of(), List.of()), new IgnoreDifference("apps", "Deployment", null, null,
                List.of(), List.of(".spec.replicas", ".spec | select("), List.of("autoscaler")));
        IllegalArgumentException jq = assertThrows(IllegalArgumentException.class, () -> IgnoreRule.of(entries));
        assertTrue(jq.getMessage().startsWith("spec.ignoreDifferences[1].jqPathExpressions[1] '.spec | select(' is"
                + " not a jq path expression"), jq.getMessage());

        List<IgnoreRule> rules = IgnoreRule.of(entries.subList(0, 1));
        assertEquals(List.of(new IgnoreRule("", "Deployment", null, null, List.of("/spec/replicas"), List.of(),
                Set.of())), rules);
    }
}
