/**
 * The validation rules elements and fields name (GB 11643 citizen ID numbers with their check digit and
 * region, dates, times, year-months, digits, PIN digits, GB 18030 text), each failure a {@link org.citycard.dictionary.validate.ValidationException}
 * naming the field, the value and the rule.
 */
package org.citycard.dictionary.validate;
