import Stripe from "stripe";
import { checkoutSessionCompletedEvent, invoiceEvent, signStripePayload, stripeCheckoutSession, stripeInvoice, stripeSubscription, subscriptionEvent } from "./stripe-events";

const secret = "whsec_test_events";

describe("Stripe-shaped events", () => {
  it("round-trip through the SDK's signature check unchanged", () => {
    const subscription = stripeSubscription({ customerId: "cus_1", userId: "user_1", priceId: "price_1", status: "active", currentPeriodEnd: 2_000_000_000 });
    const events = [
      checkoutSessionCompletedEvent(stripeCheckoutSession({ customerId: "cus_1", userId: "user_1", subscription: subscription.id })),
      subscriptionEvent("customer.subscription.updated", subscription),
      invoiceEvent("invoice.payment_failed", stripeInvoice({ customerId: "cus_1", subscriptionId: subscription.id, paid: false })),
    ];
    for (const event of events) {
      const payload = JSON.stringify(event);
      const received = Stripe.webhooks.constructEvent(payload, signStripePayload(payload, secret), secret, 300);
      expect(received).toEqual(event);
      expect(received.id).toMatch(/^evt_[0-9A-Za-z]{24}$/);
      expect(received.created).toBe(Math.floor(received.created));
    }
  });

  it("put the period end and the price on the subscription's first item, where recent API versions keep them", () => {
    const subscription = stripeSubscription({ customerId: "cus_1", priceId: "price_1", status: "trialing", currentPeriodEnd: new Date("2030-01-01T00:00:00Z") });
    expect(subscription.items.data[0]?.current_period_end).toBe(Date.UTC(2030, 0, 1) / 1000);
    expect(subscription.items.data[0]?.price.id).toBe("price_1");
    expect(subscription.metadata).toEqual({});
  });

  it("sign with the timestamp given, so a stale one is refused", () => {
    const payload = JSON.stringify(subscriptionEvent("customer.subscription.created", stripeSubscription({ customerId: "cus_1", priceId: "p", status: "active" })));
    const old = Math.floor(Date.now() / 1000) - 301;
    expect(() => Stripe.webhooks.constructEvent(payload, signStripePayload(payload, secret, old), secret, 300)).toThrow(/tolerance/i);
  });
});
