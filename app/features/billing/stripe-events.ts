import { randomBytes } from "node:crypto";
import Stripe from "stripe";

/**
 * Stripe-shaped events and objects: the JSON Stripe sends to the webhook for the API version the
 * SDK pins, typed with the SDK's own types. The local checkout emulator delivers these to the
 * webhook route exactly as Stripe would, and tests and the bench use them, so every path through
 * the webhook sees the same shapes production does.
 */

const API_VERSION = "2026-10-28.endive";
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A Stripe-style id: `prefix_` and 24 random base62 characters (e.g. "evt_…", "sub_…"). */
export function stripeId(prefix: string): string {
  const bytes = randomBytes(24);
  let id = "";
  for (const byte of bytes) id += BASE62[byte % BASE62.length];
  return `${prefix}_${id}`;
}

/** Unix seconds, as every Stripe timestamp is. */
export function toStripeTime(date: Date | number = new Date()): number {
  return typeof date === "number" ? date : Math.floor(date.getTime() / 1000);
}

// On the wire a decimal amount is a string; the SDK types it as its Decimal brand.
function decimal(value: number): Stripe.Decimal {
  return String(value) as unknown as Stripe.Decimal;
}

const DAY = 24 * 60 * 60;

export interface SubscriptionInput {
  id?: string;
  customerId: string;
  /** metadata.userId, as checkout's subscription_data.metadata sets it. */
  userId?: string;
  priceId: string;
  status: Stripe.Subscription.Status;
  /** Unix seconds or a Date; a month after `created` by default. */
  currentPeriodEnd?: Date | number;
  cancelAtPeriodEnd?: boolean;
  /** Unix seconds or a Date; now by default. */
  created?: Date | number;
  /** Price in cents (display only). */
  unitAmount?: number;
}

export function stripeSubscription(input: SubscriptionInput): Stripe.Subscription {
  const id = input.id ?? stripeId("sub");
  const created = toStripeTime(input.created);
  const periodEnd = input.currentPeriodEnd === undefined ? created + 30 * DAY : toStripeTime(input.currentPeriodEnd);
  const periodStart = periodEnd - 30 * DAY;
  const amount = input.unitAmount ?? 0;
  const ended = input.status === "canceled" || input.status === "incomplete_expired";
  const price: Stripe.Price = {
    id: input.priceId,
    object: "price",
    active: true,
    billing_scheme: "per_unit",
    created,
    currency: "usd",
    custom_unit_amount: null,
    livemode: false,
    lookup_key: null,
    metadata: {},
    nickname: null,
    product: "prod_mxp",
    recurring: { interval: "month", interval_count: 1, meter: null, trial_period_days: null, usage_type: "licensed" },
    tax_behavior: "unspecified",
    tiers_mode: null,
    transform_quantity: null,
    type: "recurring",
    unit_amount: amount,
    unit_amount_decimal: decimal(amount),
  };
  const plan: Stripe.Plan = {
    id: input.priceId,
    object: "plan",
    active: true,
    amount,
    amount_decimal: decimal(amount),
    billing_scheme: "per_unit",
    created,
    currency: "usd",
    interval: "month",
    interval_count: 1,
    livemode: false,
    metadata: {},
    meter: null,
    nickname: null,
    product: "prod_mxp",
    tiers_mode: null,
    transform_usage: null,
    trial_period_days: null,
    usage_type: "licensed",
  };
  const item: Stripe.SubscriptionItem = {
    id: stripeId("si"),
    object: "subscription_item",
    billing_thresholds: null,
    created,
    current_period_end: periodEnd,
    current_period_start: periodStart,
    current_trial: null,
    discounts: [],
    metadata: {},
    plan,
    price,
    quantity: 1,
    subscription: id,
    tax_rates: [],
  };
  return {
    id,
    object: "subscription",
    application: null,
    application_fee_percent: null,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null },
    billing_cycle_anchor: periodStart,
    billing_cycle_anchor_config: null,
    billing_mode: { flexible: null, type: "classic" },
    billing_schedules: [],
    billing_thresholds: null,
    cancel_at: input.cancelAtPeriodEnd ? periodEnd : null,
    cancel_at_period_end: input.cancelAtPeriodEnd ?? false,
    canceled_at: ended ? created : null,
    cancellation_details: { comment: null, feedback: null, feedback_option: null, reason: ended ? "cancellation_requested" : null },
    collection_method: "charge_automatically",
    created,
    currency: "usd",
    customer: input.customerId,
    customer_account: null,
    days_until_due: null,
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: null,
    discounts: [],
    ended_at: ended ? created : null,
    invoice_settings: { account_tax_ids: null, custom_fields: null, description: null, footer: null, issuer: { type: "self" } },
    items: { object: "list", data: [item], has_more: false, url: `/v1/subscription_items?subscription=${id}` },
    latest_invoice: null,
    livemode: false,
    managed_payments: null,
    metadata: input.userId ? { userId: input.userId } : {},
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: null,
    payment_settings: { payment_method_options: null, payment_method_types: null, save_default_payment_method: "off" },
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    start_date: created,
    status: input.status,
    test_clock: null,
    transfer_data: null,
    trial_end: input.status === "trialing" ? periodEnd : null,
    trial_settings: { end_behavior: { billing_cycle_anchor: null, missing_payment_method: "create_invoice" } },
    trial_start: input.status === "trialing" ? periodStart : null,
  };
}

export interface CheckoutSessionInput {
  id?: string;
  customerId: string;
  /** client_reference_id and metadata.userId. */
  userId: string;
  /** The subscription the checkout created (an id, or the object when expanded). */
  subscription: string | Stripe.Subscription | null;
  created?: Date | number;
  amountTotal?: number;
  successUrl?: string;
  cancelUrl?: string;
}

export function stripeCheckoutSession(input: CheckoutSessionInput): Stripe.Checkout.Session {
  const created = toStripeTime(input.created);
  const amount = input.amountTotal ?? 0;
  return {
    id: input.id ?? stripeId("cs_test"),
    object: "checkout.session",
    adaptive_pricing: null,
    after_expiration: null,
    allow_promotion_codes: null,
    allowed_payment_method_types: null,
    amount_subtotal: amount,
    amount_total: amount,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: null,
    cancel_url: input.cancelUrl ?? null,
    client_reference_id: input.userId,
    client_secret: null,
    collected_information: null,
    consent: null,
    consent_collection: null,
    created,
    currency: "usd",
    currency_conversion: null,
    custom_fields: [],
    custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
    customer: input.customerId,
    customer_account: null,
    customer_creation: null,
    customer_details: null,
    customer_email: null,
    discounts: [],
    expires_at: created + DAY,
    integration_identifier: null,
    invoice: null,
    invoice_creation: null,
    livemode: false,
    locale: null,
    managed_payments: null,
    metadata: { userId: input.userId },
    mode: "subscription",
    origin_context: null,
    payment_intent: null,
    payment_link: null,
    payment_method_collection: "always",
    payment_method_configuration_details: null,
    payment_method_options: null,
    payment_method_types: ["card"],
    payment_status: "paid",
    permissions: null,
    recovered_from: null,
    saved_payment_method_options: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: "complete",
    submit_type: null,
    subscription: input.subscription,
    success_url: input.successUrl ?? null,
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: "hosted",
    url: null,
    wallet_options: null,
  };
}

export interface InvoiceInput {
  id?: string;
  customerId: string;
  subscriptionId: string;
  /** metadata of the subscription, copied by Stripe onto the invoice's parent. */
  userId?: string;
  paid: boolean;
  amount?: number;
  created?: Date | number;
  /** How many times Stripe has tried to collect it. */
  attemptCount?: number;
  /** When Stripe tries again (failed invoices); null when it has given up. */
  nextPaymentAttempt?: Date | number | null;
}

export function stripeInvoice(input: InvoiceInput): Stripe.Invoice {
  const created = toStripeTime(input.created);
  const amount = input.amount ?? 0;
  const next = input.nextPaymentAttempt;
  return {
    id: input.id ?? stripeId("in"),
    object: "invoice",
    account_country: "US",
    account_name: "MXP",
    account_tax_ids: null,
    amount_due: amount,
    amount_overpaid: 0,
    amount_paid: input.paid ? amount : 0,
    amount_remaining: input.paid ? 0 : amount,
    amount_shipping: 0,
    application: null,
    attempt_count: input.attemptCount ?? 1,
    attempted: true,
    auto_advance: !input.paid,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null, provider: null, status: null },
    automatically_finalizes_at: null,
    billing_reason: "subscription_cycle",
    collection_method: "charge_automatically",
    created,
    currency: "usd",
    custom_fields: null,
    customer: input.customerId,
    customer_account: null,
    customer_address: null,
    customer_email: null,
    customer_name: null,
    customer_phone: null,
    customer_shipping: null,
    customer_tax_exempt: "none",
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: null,
    discounts: [],
    due_date: null,
    effective_at: created,
    ending_balance: 0,
    footer: null,
    from_invoice: null,
    issuer: { type: "self" },
    last_finalization_error: null,
    latest_revision: null,
    lines: { object: "list", data: [], has_more: false, url: "/v1/invoices/lines" },
    livemode: false,
    metadata: {},
    next_payment_attempt: input.paid || next === undefined || next === null ? null : toStripeTime(next),
    number: null,
    on_behalf_of: null,
    parent: {
      quote_details: null,
      subscription_details: { metadata: input.userId ? { userId: input.userId } : {}, subscription: input.subscriptionId },
      type: "subscription_details",
    },
    payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
    period_end: created,
    period_start: created - 30 * DAY,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    rendering: null,
    shipping_cost: null,
    shipping_details: null,
    starting_balance: 0,
    statement_descriptor: null,
    status: input.paid ? "paid" : "open",
    status_transitions: { finalized_at: created, marked_uncollectible_at: null, paid_at: input.paid ? created : null, voided_at: null },
    subtotal: amount,
    subtotal_excluding_tax: amount,
    test_clock: null,
    total: amount,
    total_discount_amounts: [],
    total_excluding_tax: amount,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: null,
  };
}

export interface EventOptions {
  id?: string;
  /** Unix seconds or a Date; now by default. */
  created?: Date | number;
}

type EventOf<T extends Stripe.Event["type"]> = Extract<Stripe.Event, { type: T }>;

function event<T extends Stripe.Event["type"]>(type: T, object: EventOf<T>["data"]["object"], options: EventOptions = {}): EventOf<T> {
  return {
    id: options.id ?? stripeId("evt"),
    object: "event",
    api_version: API_VERSION,
    created: toStripeTime(options.created),
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  } as EventOf<T>;
}

export function checkoutSessionCompletedEvent(session: Stripe.Checkout.Session, options?: EventOptions): Stripe.CheckoutSessionCompletedEvent {
  return event("checkout.session.completed", session, options);
}

export type SubscriptionEventType = "customer.subscription.created" | "customer.subscription.updated" | "customer.subscription.deleted";

export function subscriptionEvent(type: SubscriptionEventType, subscription: Stripe.Subscription, options?: EventOptions): EventOf<SubscriptionEventType> {
  return event(type, subscription, options);
}

export type InvoiceEventType = "invoice.paid" | "invoice.payment_failed";

export function invoiceEvent(type: InvoiceEventType, invoice: Stripe.Invoice, options?: EventOptions): EventOf<InvoiceEventType> {
  return event(type, invoice, options);
}

/**
 * The Stripe-Signature header for `payload` as Stripe computes it (`t=…,v1=…`); `timestamp`
 * (Unix seconds) defaults to now.
 */
export function signStripePayload(payload: string, secret: string, timestamp?: number): string {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: timestamp ?? toStripeTime() });
}
