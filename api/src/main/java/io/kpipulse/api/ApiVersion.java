package io.kpipulse.api;

/** The version reported by /health: the jar's Implementation-Version, or "dev" when run from classes. */
public final class ApiVersion {

    private ApiVersion() {}

    public static String current() {
        String v = ApiVersion.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
