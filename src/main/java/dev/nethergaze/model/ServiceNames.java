package dev.nethergaze.model;

import static java.util.Map.entry;

import java.util.Map;

/**
 * Names of the well-known TCP ports a sysadmin meets on a server, for display ("22" → "ssh"). A
 * fixed table, not /etc/services, so the output is the same on every host.
 */
public final class ServiceNames {

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            entry(20, "ftp-data"),
            entry(21, "ftp"),
            entry(22, "ssh"),
            entry(23, "telnet"),
            entry(25, "smtp"),
            entry(53, "dns"),
            entry(80, "http"),
            entry(88, "kerberos"),
            entry(110, "pop3"),
            entry(111, "rpcbind"),
            entry(135, "msrpc"),
            entry(139, "netbios-ssn"),
            entry(143, "imap"),
            entry(179, "bgp"),
            entry(389, "ldap"),
            entry(443, "https"),
            entry(445, "smb"),
            entry(465, "smtps"),
            entry(514, "syslog"),
            entry(587, "submission"),
            entry(631, "ipp"),
            entry(636, "ldaps"),
            entry(853, "dns-over-tls"),
            entry(873, "rsync"),
            entry(993, "imaps"),
            entry(995, "pop3s"),
            entry(1194, "openvpn"),
            entry(1433, "mssql"),
            entry(1521, "oracle"),
            entry(1883, "mqtt"),
            entry(2049, "nfs"),
            entry(2181, "zookeeper"),
            entry(2375, "docker"),
            entry(2376, "docker-tls"),
            entry(2379, "etcd"),
            entry(2380, "etcd-peer"),
            entry(3128, "squid"),
            entry(3306, "mysql"),
            entry(3389, "rdp"),
            entry(4222, "nats"),
            entry(5060, "sip"),
            entry(5222, "xmpp"),
            entry(5432, "postgresql"),
            entry(5601, "kibana"),
            entry(5672, "amqp"),
            entry(5900, "vnc"),
            entry(5984, "couchdb"),
            entry(6379, "redis"),
            entry(6443, "kube-apiserver"),
            entry(6667, "irc"),
            entry(8080, "http-alt"),
            entry(8086, "influxdb"),
            entry(8443, "https-alt"),
            entry(8883, "mqtts"),
            entry(9042, "cassandra"),
            entry(9090, "prometheus"),
            entry(9092, "kafka"),
            entry(9100, "node-exporter"),
            entry(9200, "elasticsearch"),
            entry(9300, "elasticsearch-transport"),
            entry(10250, "kubelet"),
            entry(11211, "memcached"),
            entry(15672, "rabbitmq-mgmt"),
            entry(25565, "minecraft"),
            entry(27017, "mongodb"));

    private ServiceNames() {}

    /** The service name for a TCP port, or the port number as text when it is not in the table. */
    public static String name(int port) {
        String n = NAMES.get(port);
        return n != null ? n : Integer.toString(port);
    }

    /** Whether the port has a name in the table. */
    public static boolean isKnown(int port) {
        return NAMES.containsKey(port);
    }
}
