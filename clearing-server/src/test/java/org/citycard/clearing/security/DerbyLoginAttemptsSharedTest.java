package org.citycard.clearing.security;

import org.springframework.boot.test.context.SpringBootTest;

/** Shared lockout counts on the embedded Derby database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DerbyLoginAttemptsSharedTest extends LoginAttemptsSharedSuite {}
