package io.sluice.image.registry;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The TLS material of an ImageRepository's spec.certSecretRef, with Flux's keys: {@code ca.crt}, CAs
 * trusted besides the system's (Flux keeps the system pool too), and {@code tls.crt} with {@code
 * tls.key}, a client certificate. PEM text, so that two scans with the same Secret share one connection
 * pool ({@link RegistryClient} keeps one HTTP client per distinct settings). The key never appears in
 * {@link #toString()}.
 */
public record TlsSettings(String caCertificates, String clientCertificate, String clientKey, String source) {

    /** An SSLContext trusting the system's CAs and {@code ca.crt}, presenting the client certificate if any. */
    SSLContext sslContext() throws GeneralSecurityException {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustStore());
        KeyManagerFactory keys = null;
        if (clientCertificate != null) {
            KeyStore store = emptyStore();
            char[] none = new char[0];
            store.setKeyEntry("client", privateKey(), none,
                    certificates(clientCertificate, "tls.crt").toArray(Certificate[]::new));
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, none);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    /** The system's trusted CAs and those of ca.crt. */
    private KeyStore trustStore() throws GeneralSecurityException {
        KeyStore store = emptyStore();
        TrustManagerFactory system = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        system.init((KeyStore) null);
        int n = 0;
        for (var manager : system.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                for (X509Certificate ca : x509.getAcceptedIssuers()) {
                    store.setCertificateEntry("system-" + n++, ca);
                }
            }
        }
        if (caCertificates != null) {
            for (Certificate ca : certificates(caCertificates, "ca.crt")) {
                store.setCertificateEntry("ca-" + n++, ca);
            }
        }
        return store;
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        return store;
    }

    private List<Certificate> certificates(String pem, String key) throws GeneralSecurityException {
        Collection<? extends Certificate> read;
        try {
            read = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)));
        } catch (CertificateException e) {
            throw new GeneralSecurityException(source + " key " + key + " is not PEM certificates: " + e.getMessage());
        }
        if (read.isEmpty()) {
            throw new GeneralSecurityException(source + " key " + key + " has no PEM certificate");
        }
        return new ArrayList<>(read);
    }

    /** tls.key in PKCS#8, PKCS#1 (RSA) or SEC1 (EC) PEM, as openssl and cert-manager write them. */
    private PrivateKey privateKey() throws GeneralSecurityException {
        Object read;
        try (PEMParser parser = new PEMParser(new StringReader(clientKey))) {
            read = parser.readObject();
        } catch (IOException e) {
            throw new GeneralSecurityException(source + " key tls.key is not a PEM private key");
        }
        try {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (read instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            if (read instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
        } catch (IOException e) {
            throw new GeneralSecurityException(source + " key tls.key: " + e.getMessage());
        }
        throw new GeneralSecurityException(source + " key tls.key is not an unencrypted PEM private key");
    }

    @Override
    public String toString() {
        return "TLS settings of " + source + " (ca.crt " + (caCertificates != null) + ", client certificate "
                + (clientCertificate != null) + ")";
    }
}
