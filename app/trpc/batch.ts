/**
 * The most procedure calls one tRPC batch request may carry. The pages' client batches no more
 * than this, and the server refuses a larger batch (a 400), so that one request cannot run an
 * unbounded number of procedures.
 */
export const MAX_BATCH_SIZE = 10;
