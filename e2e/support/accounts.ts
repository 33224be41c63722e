/** The accounts the setup project creates; specs sign in with the saved states. */
export const ADMIN = { email: "admin@example.com", name: "Ada Admin", password: "correct horse battery staple" };
export const USER = { email: "user@example.com", name: "Uma User", password: "tr0ub4dor&3-long-enough" };
