package io.sluice.access.git;

import java.net.InetSocketAddress;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;

/**
 * The host keys an SSH GitRepository trusts: the {@code known_hosts} key of its secret, in OpenSSH
 * format (plain or hashed host names, {@code [host]:port}, {@code @revoked}). A server whose key
 * is not listed for its host is refused, never learned: Sluice has nobody to ask.
 */
final class KnownHosts implements ServerKeyDatabase {
    private static final String REVOKED = "revoked";

    private record Entry(KnownHostEntry hosts, PublicKey key, boolean revoked) {
    }

    private record HostPort(String host, int port) {
        String display() {
            return port == 22 ? host : "[" + host + "]:" + port;
        }
    }

    private final List<Entry> entries;
    private final String origin;
    private volatile String rejection;

    private KnownHosts(List<Entry> entries, String origin) {
        this.entries = entries;
        this.origin = origin;
    }

    /** Parses {@code text}; {@code origin} ("key 'known_hosts' of secret ns/name") names it in every error. */
    static KnownHosts parse(String text, String origin) {
        List<Entry> entries = new ArrayList<>();
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = "line " + (i + 1) + " of " + origin;
            KnownHostEntry entry;
            try {
                entry = KnownHostEntry.parseKnownHostEntry(line);
            } catch (RuntimeException e) {
                throw new GitCredentialsException(where + " is not a known_hosts entry: " + e.getMessage());
            }
            if (entry == null || entry.getKeyEntry() == null) {
                throw new GitCredentialsException(where + " is not a known_hosts entry (hosts, key type, key)");
            }
            String marker = entry.getMarker() == null ? null : entry.getMarker().replaceFirst("^@", "");
            boolean revoked = REVOKED.equals(marker);
            if (marker != null && !revoked) {
                throw new GitCredentialsException(where + ": marker '@" + marker + "' is not supported");
            }
            PublicKey key;
            try {
                key = entry.getKeyEntry().resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
            } catch (Exception e) {
                throw new GitCredentialsException(where + ": cannot read its " + entry.getKeyEntry().getKeyType()
                        + " key: " + e.getMessage());
            }
            entries.add(new Entry(entry, key, revoked));
        }
        if (entries.isEmpty()) {
            throw new GitCredentialsException(origin + " has no host key entries");
        }
        return new KnownHosts(List.copyOf(entries), origin);
    }

    Optional<String> rejection() {
        return Optional.ofNullable(rejection);
    }

    @Override
    public List<PublicKey> lookup(String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
        HostPort host = hostPort(connectAddress, remoteAddress);
        return entries.stream().filter(e -> !e.revoked() && e.hosts().isHostMatch(host.host(), host.port()))
                .map(Entry::key).toList();
    }

    @Override
    public boolean accept(String connectAddress, InetSocketAddress remoteAddress, PublicKey serverKey,
            Configuration config, CredentialsProvider provider) {
        HostPort host = hostPort(connectAddress, remoteAddress);
        List<Entry> forHost = entries.stream().filter(e -> e.hosts().isHostMatch(host.host(), host.port())).toList();
        String key = KeyUtils.getKeyType(serverKey) + " " + KeyUtils.getFingerPrint(serverKey);
        if (forHost.stream().anyMatch(e -> e.revoked() && KeyUtils.compareKeys(e.key(), serverKey))) {
            rejection = "host key of " + host.display() + " (" + key + ") is marked @revoked in " + origin + ": refused";
            return false;
        }
        if (forHost.stream().anyMatch(e -> !e.revoked() && KeyUtils.compareKeys(e.key(), serverKey))) {
            return true;
        }
        rejection = forHost.isEmpty()
                ? "unknown SSH host " + host.display() + " (host key " + key + "): it is not in " + origin
                        + "; refused"
                : "host key of " + host.display() + " (" + key + ") does not match " + origin
                        + "; refused (the server's key changed, or someone is in between)";
        return false;
    }

    /** JGit names the host as known_hosts does: "host" for port 22, else "[host]:port". */
    private static HostPort hostPort(String connectAddress, InetSocketAddress remoteAddress) {
        String address = connectAddress == null ? remoteAddress.getHostString() : connectAddress;
        if (address.startsWith("[") && address.contains("]:")) {
            int close = address.indexOf("]:");
            return new HostPort(address.substring(1, close), Integer.parseInt(address.substring(close + 2)));
        }
        return new HostPort(address, connectAddress == null ? remoteAddress.getPort() : 22);
    }
}
