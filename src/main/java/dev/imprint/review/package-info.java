/**
 * What a change does to the generated site, for the people who review it: {@link dev.imprint.review.Review}
 * compares two builds into one {@link dev.imprint.review.ReviewReport} (pages added, removed, renamed, their text
 * changed or only their navigation; warnings and broken links introduced or fixed), rendered as the preview's review
 * page ({@link dev.imprint.review.ReviewPage}) and as the forge comment ({@link dev.imprint.review.ReviewComment}).
 */
package dev.imprint.review;
