import { Link } from "@remix-run/react";
import { TIER_LABELS, type Tier } from "~/domain/entitlements";
import { formatDate } from "~/utils/format";

/** The shell's notice to a student whose last payment failed while their plan still holds. */
export function PaymentProblemBanner({ problem }: { problem: { tier: Tier; planHoldsUntil: string } }) {
  const plan = TIER_LABELS[problem.tier];
  return (
    <section aria-labelledby="payment-problem-title" className="border-b border-amber-200 bg-amber-50" data-testid="payment-problem-banner">
      <div className="mx-auto flex max-w-7xl flex-col gap-2 px-4 py-3 text-sm text-amber-950 sm:flex-row sm:items-center sm:justify-between sm:px-6">
        <div>
          <h2 id="payment-problem-title" className="font-semibold">
            Your last payment for the {plan} plan did not go through.
          </h2>
          <p>
            You keep {plan} until {formatDate(problem.planHoldsUntil)} while the payment is tried again. If it still fails by then, your account moves to the Free plan; your
            missions and work stay.
          </p>
        </div>
        <Link to="/billing" className="btn-secondary shrink-0 self-start sm:self-center">
          Update your payment details
        </Link>
      </div>
    </section>
  );
}
