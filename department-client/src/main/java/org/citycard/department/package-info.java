/**
 * The department side of the exchange: {@link org.citycard.department.DepartmentClient} receives the department's
 * documents (statements, card status events, settlement notices) from its queues on the broker into a folder, each
 * verified against the clearing centre's certificate and validated against its XSD, and sends the department's own
 * documents signed with its key. Depends only on the dictionary and the Artemis JMS client.
 */
package org.citycard.department;
