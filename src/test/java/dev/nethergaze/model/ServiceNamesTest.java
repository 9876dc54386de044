package dev.nethergaze.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServiceNamesTest {

    @Test
    void namesWellKnownPorts() {
        assertThat(ServiceNames.name(22)).isEqualTo("ssh");
        assertThat(ServiceNames.name(443)).isEqualTo("https");
        assertThat(ServiceNames.name(5432)).isEqualTo("postgresql");
        assertThat(ServiceNames.name(11211)).isEqualTo("memcached");
        assertThat(ServiceNames.isKnown(3306)).isTrue();
    }

    @Test
    void unknownPortsAreTheirNumber() {
        assertThat(ServiceNames.name(47123)).isEqualTo("47123");
        assertThat(ServiceNames.name(0)).isEqualTo("0");
        assertThat(ServiceNames.isKnown(47123)).isFalse();
    }
}
