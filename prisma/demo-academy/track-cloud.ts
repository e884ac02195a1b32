import { levels, md } from "./authoring";
import type { TrackSeed } from "./types";

/**
 * Cloud & infrastructure security: a year securing Tidewater Analytics (fictional) on AWS.
 * Each student works in a disposable sandbox AWS account the academy provisions and wipes;
 * in-cluster and Git services live under lab.mxp.local.
 */
export const cloudTrack: TrackSeed = {
  slug: "cloud-infrastructure",
  title: "Cloud & Infrastructure Security",
  summary:
    "Secure Tidewater Analytics' AWS estate: close an exposed bucket, tame IAM, audit posture, put guardrails in code, investigate stolen credentials and build a landing zone.",
  description: md`
    Tidewater Analytics sells tide and weather forecasts to shipping companies. It grew fast on a
    single AWS account, and its security grew slower. You join as its first cloud security
    engineer, reporting to the CTO, Amara Lindqvist.

    The track moves from fixing one dangerous setting to designing the foundations of a secure
    multi-account estate: S3 exposure, least-privilege IAM, posture reviews against the CIS AWS
    Foundations Benchmark, Terraform guardrails in CI, a CloudTrail investigation of stolen
    instance credentials, and finally a landing zone built in code.

    Every mission runs in a sandbox AWS account that the academy provisions for you, seeded
    with Tidewater's misconfigurations, and wipes afterwards. Credentials are in the mission
    panel; configure them once with \`aws configure --profile mxp-sandbox\`.
  `,
  missions: [
    // ── 1 ────────────────────────────────────────────────────────────────────────────────────
    {
      slug: "cloud-open-bucket",
      title: "The Bucket Everyone Could Read",
      summary:
        "A researcher reports that a Tidewater bucket full of customer exports is public. Confirm it, find the exact cause, close it without touching the data and prove it is closed.",
      story: md`
        Monday, 08:05. An e-mail arrives at \`security@tidewater.example\` from an independent
        security researcher: *"Your bucket \`tidewater-exports-…\` can be listed by anyone and
        contains what look like customer CSV files."* Amara forwards it to you with one line:
        "Confirm, close, verify. Don't delete anything, legal will want to see what was exposed."

        The sandbox account mirrors Tidewater's production set-up, including the exposed bucket,
        \`tidewater-exports-STUDENT_ID\` (your student ID is in the mission panel). The export job
        that writes to it runs under the role \`tidewater-export-writer\`, and a reporting role,
        \`tidewater-export-reader\`, must keep read access.

        The challenge is not just flipping a switch. You need to show what the researcher saw,
        name the precise setting that allowed it, fix it in a way that prevents the same mistake
        next time, and prove the fix from the outside.
      `,
      objectives: [
        "Confirm the exposure from an anonymous client, exactly as the researcher saw it.",
        "Identify which settings cause it: Block Public Access, bucket policy, ACLs and object ownership.",
        "Close the exposure without deleting or changing any objects.",
        "Verify anonymously that access is gone, and that the legitimate roles still work.",
      ],
      successCriteria: [
        "Before-evidence shows anonymous listing and download succeeding (AWS CLI with --no-sign-request, or curl).",
        "The root cause names the exact bucket-policy statement or ACL grant that allowed public access.",
        "After the fix, anonymous list and get both return AccessDenied, while tidewater-export-reader can still list and read.",
        "S3 Block Public Access is enabled at account level, and the report explains why that prevents recurrence.",
        "No object was deleted or modified (checked against the lab's object inventory).",
      ],
      difficulty: "NOVICE",
      tierRequired: "FREE",
      isCapstone: false,
      estimatedMinutes: 45,
      prerequisites: [],
      skills: [
        { skill: "cloud-security", weight: 0.8 },
        { skill: "identity-access", weight: 0.3 },
        { skill: "incident-response", weight: 0.2 },
      ],
      subtasks: [
        {
          title: "Reproduce the researcher's view",
          instructions: md`
            Act as an anonymous internet user: no credentials.

            ~~~bash
            aws s3 ls s3://tidewater-exports-STUDENT_ID/ --no-sign-request
            aws s3 cp s3://tidewater-exports-STUDENT_ID/customers-2025-10.csv - --no-sign-request | head -3
            curl -s https://tidewater-exports-STUDENT_ID.s3.amazonaws.com/ | head -c 600
            ~~~

            Screenshot the results. Do not download more than you need to prove the exposure.
          `,
          evidenceRequired: true,
          evidenceKinds: ["screenshot", "log"],
        },
        {
          title: "Find the root cause",
          instructions: md`
            With your sandbox credentials (\`--profile mxp-sandbox\`), read every setting that affects
            access:

            ~~~bash
            B=tidewater-exports-STUDENT_ID
            ACCOUNT=$(aws sts get-caller-identity --query Account --output text --profile mxp-sandbox)
            aws s3control get-public-access-block --account-id "$ACCOUNT" --profile mxp-sandbox
            aws s3api get-public-access-block --bucket "$B" --profile mxp-sandbox
            aws s3api get-bucket-policy --bucket "$B" --query Policy --output text --profile mxp-sandbox | jq .
            aws s3api get-bucket-acl --bucket "$B" --profile mxp-sandbox
            aws s3api get-bucket-ownership-controls --bucket "$B" --profile mxp-sandbox
            ~~~

            Find the statement or grant that gives access to everyone (\`"Principal": "*"\` or the
            \`AllUsers\` group) and explain why Block Public Access did not stop it. Attach the policy
            and ACL as you found them.
          `,
          evidenceRequired: true,
          evidenceKinds: ["config"],
        },
        {
          title: "Close it without touching the data",
          instructions: md`
            1. Write \`policy-fixed.json\`: the original policy **minus** the public statement; keep the
               statements for the export roles.
            2. Apply it: \`aws s3api put-bucket-policy --bucket "$B" --policy file://policy-fixed.json\`.
            3. Disable ACLs entirely:
               \`aws s3api put-bucket-ownership-controls --bucket "$B" --ownership-controls 'Rules=[{ObjectOwnership=BucketOwnerEnforced}]'\`
            4. Turn on Block Public Access for the bucket **and** the account
               (\`put-public-access-block\` in \`s3api\` and \`s3control\`, all four settings \`true\`).
            5. Never run \`aws s3 rm\` or overwrite objects here.

            Attach the fixed policy and the commands you ran.
          `,
          evidenceRequired: true,
          evidenceKinds: ["config", "log"],
        },
        {
          title: "Verify and report",
          instructions: md`
            1. Rerun the anonymous commands from the first step; they must fail with \`AccessDenied\`.
            2. Assume the reader role and confirm it still works:
               ~~~bash
               aws sts assume-role --role-arn arn:aws:iam::ACCOUNT_ID:role/tidewater-export-reader \
                 --role-session-name verify --profile mxp-sandbox
               ~~~
               Export the returned credentials and run \`aws s3 ls s3://tidewater-exports-STUDENT_ID/\`.
            3. Write a half-page report: what was exposed and since when (check the policy's history
               in CloudTrail: \`PutBucketPolicy\` events), the root cause, the fix, how you verified it,
               and the next step (for example reviewing S3 server access logs to see who downloaded
               what, so legal can decide on notification).
          `,
          evidenceRequired: true,
          evidenceKinds: ["report", "screenshot"],
        },
      ],
      rubric: [
        {
          key: "verification",
          title: "Before and after evidence",
          description: "The exposure and its closure are both proven from an anonymous client.",
          weight: 3,
          maxScore: 3,
          levels: levels(
            "No evidence of the exposure or of the fix.",
            "Only before or only after evidence, or evidence taken with credentials.",
            "Anonymous before and after evidence, and the reader role still works.",
            "Clean paired evidence for list, get and HTTP access, with the legitimate roles verified.",
          ),
        },
        {
          key: "root-cause",
          title: "Root cause",
          description: "The exact setting that made the bucket public is identified and explained.",
          weight: 2,
          maxScore: 3,
          levels: levels(
            "No root cause.",
            "'The bucket was public' without naming the statement or grant.",
            "The exact statement or grant is named and Block Public Access's absence explained.",
            "The interaction of policy, ACL, ownership and Block Public Access is explained precisely, with when it was introduced (CloudTrail).",
          ),
        },
        {
          key: "safe-remediation",
          title: "Safe remediation",
          description: "The exposure is closed without data loss or breaking legitimate access.",
          weight: 2,
          maxScore: 3,
          levels: levels(
            "Objects deleted or the bucket made unusable.",
            "Exposure closed, but legitimate access broken or data touched.",
            "Exposure closed, data untouched, legitimate roles working.",
            "Minimal, reversible changes with the original configuration preserved for the investigation.",
          ),
        },
        {
          key: "prevention",
          title: "Preventing recurrence",
          description: "Account-level controls and follow-up actions prevent a repeat.",
          weight: 1,
          maxScore: 3,
          levels: levels(
            "Nothing beyond the bucket fix.",
            "Prevention is mentioned but not implemented.",
            "Account-level Block Public Access and ACLs disabled, with an explanation.",
            "Prevention plus a follow-up plan (access-log review, detection of future PutBucketPolicy changes).",
          ),
        },
      ],
      recipes: [
        {
          title: "Amazon S3: Blocking public access to your storage",
          skill: "cloud-security",
          minutes: 20,
          url: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html",
        },
        {
          title: "Amazon S3: Controlling object ownership and disabling ACLs",
          skill: "cloud-security",
          minutes: 15,
          url: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html",
        },
        {
          title: "Amazon S3: Security best practices",
          skill: "cloud-security",
          minutes: 25,
          url: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html",
        },
      ],
    },

    // ── 2 ────────────────────────────────────────────────────────────────────────────────────
    {
      slug: "cloud-least-privilege-iam",
      title: "Least Privilege for the Forecast Pipeline",
      summary:
        "Replace the AdministratorAccess policy on Tidewater's nightly forecast role with a least-privilege policy built from what the role actually does, without breaking the run.",
      story: md`
        After the bucket scare, Amara asks the obvious next question: who else has too much access?
        First on your list is \`forecast-pipeline-role\`, used by the Lambda function
        \`forecast-nightly\`. Fourteen months ago someone attached \`AdministratorAccess\` to it
        "temporarily" to get a release out. It is still there.

        The pipeline's job is simple: read raw observations from \`tidewater-raw-STUDENT_ID\`, decrypt
        them with one KMS key, write forecasts to \`tidewater-forecasts-STUDENT_ID\`, write logs, and
        publish a message to the \`forecast-ready\` SNS topic. If this role's credentials ever leaked,
        though, an attacker would own the whole account.

        The sandbox holds 90 days of the role's CloudTrail history, queryable in Athena. Your goal
        is a policy that allows exactly what the pipeline needs, validated before it goes live,
        and a successful nightly run afterwards to prove nothing broke.
      `,
      objectives: [
        "Determine what the role really uses from CloudTrail and IAM last-accessed data.",
        "Write a least-privilege policy scoped to specific actions and resource ARNs.",
        "Validate the policy with IAM Access Analyzer and the IAM policy simulator.",
        "Swap the policy in with a rollback plan and prove the pipeline still works.",
      ],
      successCriteria: [
        "The new policy has no wildcard actions and no '*' resources except where the service requires it, each exception justified.",
        "`aws accessanalyzer validate-policy` reports no errors or security warnings for the new policy.",
        "Simulator results show the needed calls allowed and at least three dangerous actions denied (for example iam:CreateUser, s3:DeleteBucket, kms:ScheduleKeyDeletion).",
        "After AdministratorAccess is detached, a pipeline run succeeds (invocation result and log lines shown).",
      ],
      difficulty: "BEGINNER",
      tierRequired: "FREE",
      isCapstone: false,
      estimatedMinutes: 75,
      prerequisites: ["cloud-open-bucket"],
      skills: [
        { skill: "identity-access", weight: 0.9 },
        { skill: "cloud-security", weight: 0.4 },
      ],
      subtasks: [
        {
          title: "See what the role really does",
          instructions: md`
            1. Ask IAM which services the role has used:
               ~~~bash
               JOB=$(aws iam generate-service-last-accessed-details \
                 --arn arn:aws:iam::ACCOUNT_ID:role/forecast-pipeline-role --query JobId --output text)
               aws iam get-service-last-accessed-details --job-id "$JOB"
               ~~~
            2. Get the exact API calls from CloudTrail in Athena (database \`tidewater_audit\`):
               ~~~sql
               SELECT eventsource, eventname, COUNT(*) AS calls
               FROM cloudtrail_logs
               WHERE useridentity.sessioncontext.sessionissuer.arn LIKE '%:role/forecast-pipeline-role'
               GROUP BY eventsource, eventname
               ORDER BY calls DESC;
               ~~~
            3. For each call, note the resources it touched (\`requestparameters\`, \`resources\`).

            Attach the query results.
          `,
          evidenceRequired: true,
          evidenceKinds: ["log"],
        },
        {
          title: "Draft the policy",
          instructions: md`
            Write \`pipeline-policy.json\` with one statement per purpose, each with a \`Sid\`. For
            example, reading raw data:

            ~~~json
            {
              "Sid": "ReadRawObservations",
              "Effect": "Allow",
              "Action": ["s3:GetObject"],
              "Resource": "arn:aws:s3:::tidewater-raw-STUDENT_ID/*"
            }
            ~~~

            Remember: \`s3:ListBucket\` applies to the **bucket** ARN, object actions to \`bucket/*\`;
            KMS decryption can be limited to use through S3 with the \`kms:ViaService\` condition;
            CloudWatch Logs needs \`logs:CreateLogStream\` and \`logs:PutLogEvents\` on the function's log
            group. Compare your draft with the policy IAM Access Analyzer can generate from
            CloudTrail activity.
          `,
          evidenceRequired: true,
          evidenceKinds: ["code"],
        },
        {
          title: "Validate and simulate",
          instructions: md`
            ~~~bash
            aws accessanalyzer validate-policy --policy-type IDENTITY_POLICY \
              --policy-document file://pipeline-policy.json

            aws iam simulate-custom-policy --policy-input-list file://pipeline-policy.json \
              --action-names s3:GetObject s3:PutObject kms:Decrypt sns:Publish \
                iam:CreateUser s3:DeleteBucket kms:ScheduleKeyDeletion \
              --resource-arns '*' --query 'EvaluationResults[].[EvalActionName,EvalDecision]' --output table
            ~~~

            Run the simulation again with the real resource ARNs for the allowed actions. Fix every
            finding from \`validate-policy\` before moving on. Attach both outputs.
          `,
          evidenceRequired: true,
          evidenceKinds: ["log", "screenshot"],
        },
        {
          title: "Swap the policy and prove the pipeline works",
          instructions: md`
            1. Write down the rollback first: the command that re-attaches \`AdministratorAccess\`.
            2. Create and attach the new policy, then detach the old one:
               ~~~bash
               aws iam put-role-policy --role-name forecast-pipeline-role \
                 --policy-name forecast-pipeline-least-privilege --policy-document file://pipeline-policy.json
               aws iam detach-role-policy --role-name forecast-pipeline-role \
                 --policy-arn arn:aws:iam::aws:policy/AdministratorAccess
               ~~~
            3. Trigger a run: \`aws lambda invoke --function-name forecast-nightly out.json\` and check
               \`out.json\` and the CloudWatch logs for errors.
            4. If it fails with \`AccessDenied\`, read the error, add the narrowest missing permission,
               and document it.
            5. Summarise in a short report: what the role can do now, what it can no longer do, and
               why each remaining wildcard is necessary.
          `,
          evidenceRequired: true,
          evidenceKinds: ["log", "report"],
        },
      ],
      rubric: [
        {
          key: "evidence-based",
          title: "Evidence-based permissions",
          description: "Permissions are derived from what the role actually does.",
          weight: 2,
          maxScore: 3,
          levels: levels(
            "Permissions were guessed.",
            "Some usage data was gathered but not used consistently.",
            "Every permission is traced to observed activity.",
            "Usage data from several sources is reconciled, including rare calls (monthly jobs) that a short window would miss.",
          ),
        },
        {
          key: "least-privilege",
          title: "Least privilege achieved",
          description: "Actions and resources are as narrow as the pipeline allows.",
          weight: 3,
          maxScore: 3,
          levels: levels(
            "The role still has administrative or wildcard access.",
            "Actions are narrowed but resources are still '*', or vice versa.",
            "Specific actions on specific ARNs, with justified exceptions only.",
            "Tightly scoped with conditions (for example kms:ViaService), clear Sids, and no unused permissions.",
          ),
        },
        {
          key: "validation",
          title: "Validation",
          description: "The policy is checked before and after deployment.",
          weight: 2,
          maxScore: 3,
          levels: levels(
            "No validation.",
            "Either the analyser or the simulator was used, not both.",
            "Access Analyzer clean and simulator shows allowed and denied actions as intended.",
            "Validation covers dangerous actions systematically and the simulation uses real resource ARNs.",
          ),
        },
        {
          key: "safe-change",
          title: "Safe change",
          description: "The change is made with a rollback plan and verified in operation.",
          weight: 1,
          maxScore: 3,
          levels: levels(
            "The pipeline was broken or not tested.",
            "Tested, but no rollback plan.",
            "Rollback plan written and a successful run shown.",
            "Change handled like production: rollback, verification, and a note for the team on how to request new permissions.",
          ),
        },
      ],
      recipes: [
        { title: "AWS IAM: Security best practices", skill: "identity-access", minutes: 20, url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html" },
        {
          title: "AWS IAM: Policy evaluation logic",
          skill: "identity-access",
          minutes: 30,
          url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html",
        },
        {
          title: "IAM Access Analyzer policy validation",
          skill: "identity-access",
          minutes: 15,
          url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-policy-validation.html",
        },
      ],
    },

    // ── 3 ────────────────────────────────────────────────────────────────────────────────────
    {
      slug: "cloud-posture-review",
      title: "Posture Review with ScoutSuite and Prowler",
      summary: "Audit Tidewater's account against the CIS AWS Foundations Benchmark, turn hundreds of tool findings into a ranked plan, fix the top three and brief the CTO.",
      story: md`
        Tidewater is close to signing its largest customer, a shipping line whose vendor
        questionnaire asks one blunt question: *"Is your AWS environment aligned with the CIS AWS
        Foundations Benchmark?"* Amara needs an honest answer by Friday, and a plan.

        You will audit the sandbox replica of the production account with two open-source tools,
        ScoutSuite and Prowler, using a read-only identity. Between them they will report hundreds
        of findings. Some are critical, many are noise in Tidewater's context, and a few are
        duplicates under different names.

        The value you add is judgement: which ten issues really matter for a company like
        Tidewater, which ones are accepted risks, and what to fix first. Then fix three of them and
        prove it.
      `,
      objectives: [
        "Run ScoutSuite and Prowler with a read-only audit role.",
        "Triage the findings: merge duplicates across tools, discard false positives and rank by real risk.",
        "Map the top findings to CIS AWS Foundations Benchmark controls.",
        "Fix three high-priority findings and prove each fix with a re-scan.",
      ],
      successCriteria: [
        "Scans ran as the read-only audit role (SecurityAudit and ViewOnlyAccess), shown with sts get-caller-identity.",
        "A triage table ranks the top ten issues with likelihood, impact, CIS control ID and rationale, and marks at least one tool finding as accepted risk or false positive with a justification.",
        "Three remediations are applied, and a re-scan shows each corresponding finding resolved.",
        "A one-page summary for the CTO explains the posture in plain language with a 30/60/90-day plan.",
      ],
      difficulty: "INTERMEDIATE",
      tierRequired: "STARTER",
      isCapstone: false,
      estimatedMinutes: 120,
      prerequisites: ["cloud-least-privilege-iam"],
      skills: [
        { skill: "cloud-security", weight: 0.9 },
        { skill: "reporting", weight: 0.5 },
        { skill: "identity-access", weight: 0.2 },
      ],
      subtasks: [
        {
          title: "Prepare a read-only audit identity",
          instructions: md`
            1. Add a profile that assumes the audit role, in \`~/.aws/config\`:
               ~~~ini
               [profile audit]
               role_arn = arn:aws:iam::ACCOUNT_ID:role/mxp-audit-role
               source_profile = mxp-sandbox
               ~~~
            2. Check who you are: \`aws sts get-caller-identity --profile audit\`.
            3. Confirm the role has only \`SecurityAudit\` and \`ViewOnlyAccess\`:
               \`aws iam list-attached-role-policies --role-name mxp-audit-role --profile mxp-sandbox\`.

            Auditing with an admin identity is a finding in itself. Attach the outputs.
          `,
          evidenceRequired: true,
          evidenceKinds: ["config"],
        },
        {
          title: "Run the scanners",
          instructions: md`
            Both tools are installed on your lab workstation.

            ~~~bash
            scout aws --profile audit --report-dir scoutsuite-report
            prowler aws --list-compliance | grep -i cis       # pick the newest CIS AWS framework
            prowler aws --profile audit --compliance cis_3.0_aws -M csv html
            ~~~

            Open both HTML reports. Screenshot the ScoutSuite dashboard and Prowler's compliance
            summary, and keep the CSV for triage.
          `,
          evidenceRequired: true,
          evidenceKinds: ["screenshot", "log"],
        },
        {
          title: "Triage like a consultant",
          instructions: md`
            1. Merge the two tools' findings by underlying issue (for example, "root account has
               access keys" appears in both under different names).
            2. For each issue, judge **likelihood** and **impact** for Tidewater specifically: a
               public bucket with customer data and an unused default VPC are not the same problem.
            3. Build the top-ten table:

            | # | Issue | Affected resources | CIS control | Likelihood | Impact | Why it matters here |
            | --- | --- | --- | --- | --- | --- | --- |

            4. List at least one finding you consider a false positive or accepted risk and explain
               why, with what would change your mind.
          `,
          evidenceRequired: true,
          evidenceKinds: ["report"],
        },
        {
          title: "Fix three and re-scan",
          instructions: md`
            Using the \`mxp-sandbox\` profile (not the audit role), fix three of your top-ten issues.
            Typical candidates:

            - a multi-region CloudTrail trail with log file validation enabled;
            - EBS encryption by default in every region you use;
            - security groups allowing \`0.0.0.0/0\` on port 22 or 3389 replaced by Session Manager;
            - IAM users with console access but no MFA, or access keys older than 90 days.

            Record each command or console change, then re-run the relevant checks
            (\`prowler aws --profile audit --check <check_id>\`) and attach before/after results.
          `,
          evidenceRequired: true,
          evidenceKinds: ["config", "log"],
        },
        {
          title: "Summarise for the CTO",
          instructions: md`
            One page, no jargon:

            1. Where Tidewater stands today, in two or three sentences.
            2. The three biggest risks and what they could lead to.
            3. What you already fixed.
            4. A 30/60/90-day plan with owners and rough effort.
            5. An honest answer Amara can adapt for the customer's questionnaire.
          `,
          evidenceRequired: true,
          evidenceKinds: ["report"],
        },
      ],
      rubric: [
        {
          key: "tooling",
          title: "Tooling and audit hygiene",
          description: "Scans are run correctly with a read-only identity.",
          weight: 1,
          maxScore: 3,
          levels: levels(
            "Scans not run, or run as an administrator.",
            "One tool run, or the identity is not shown.",
            "Both tools run as the read-only audit role with evidence.",
            "Both tools run cleanly with versions, regions and frameworks recorded for repeatability.",
          ),
        },
        {
          key: "triage",
          title: "Risk-based triage",
          description: "Findings are merged, contextualised and ranked by real risk.",
          weight: 3,
          maxScore: 3,
          levels: levels(
            "Tool output pasted without triage.",
            "Findings sorted by tool severity only.",
            "A top-ten table with likelihood, impact, CIS mapping, and a justified false positive or accepted risk.",
            "Triage shows real judgement: duplicates merged, risks tied to Tidewater's data and business, ranking defended.",
          ),
        },
        {
          key: "remediation",
          title: "Remediation",
          description: "Fixes are correct and proven by re-scanning.",
          weight: 2,
          maxScore: 3,
          levels: levels(
            "No fixes.",
            "Fixes applied but not verified, or they break something.",
            "Three correct fixes, each verified by a re-scan.",
            "Three fixes applied in a reusable way (scripted or noted for Terraform) with before/after evidence.",
          ),
        },
        {
          key: "communication",
          title: "Summary for the CTO",
          description: "The CTO can understand the posture and act on the plan.",
          weight: 2,
          maxScore: 3,
          levels: levels(
            "No summary.",
            "The summary is a technical list or longer than a page.",
            "A clear one-page summary with a 30/60/90-day plan.",
            "A persuasive, honest summary with owners and effort that the CTO could forward unchanged.",
          ),
        },
      ],
      recipes: [
        { title: "CIS Amazon Web Services Foundations Benchmark", skill: "cloud-security", minutes: 45, url: "https://www.cisecurity.org/benchmark/amazon_web_services" },
        { title: "ScoutSuite: multi-cloud security auditing tool", skill: "cloud-security", minutes: 20, url: "https://github.com/nccgroup/ScoutSuite" },
        { title: "Prowler documentation", skill: "cloud-security", minutes: 20, url: "https://docs.prowler.com/" },
        {
          title: "AWS Well-Architected Framework: Security Pillar",
          skill: "reporting",
          minutes: 40,
          url: "https://docs.aws.amazon.com/wellarchitected/latest/security-pillar/welcome.html",
        },
      ],
    },

    // ── 4 ────────────────────────────────────────────────────────────────────────────────────
    {
      slug: "cloud-terraform-guardrails",
      title: "Guardrails in the Pipeline",
      summary: "Stop misconfigurations at the pull request: scan Tidewater's Terraform with Checkov and Trivy, fix what matters, write a custom policy and gate CI on it.",
      story: md`
        Two weeks after your posture review, the same issues are back: a new module created a
        bucket without encryption, and someone opened SSH to the world "for a quick debug". Fixing
        things in the console does not scale, because Tidewater's infrastructure lives in Terraform
        and every change goes through pull requests.

        Kofi Mensah, who leads the platform team, agrees to add security checks to CI on one
        condition: "If it cries wolf, my engineers will ignore it by Thursday." The repository is at
        \`https://git.lab.mxp.local/tidewater/infra\`, with Gitea Actions runners available.

        Your job is to fix what is really wrong in the code, suppress what is not with a written
        reason, encode one Tidewater-specific rule as policy (every bucket must declare its data
        classification), and make risky changes fail the build with a message engineers
        understand.
      `,
      objectives: [
        "Scan the Terraform code with Checkov and Trivy and interpret the findings.",
        "Fix real issues in code (encryption, logging, public exposure, open security groups) and suppress non-issues with documented justifications.",
        "Write a custom policy that enforces a Tidewater-specific rule.",
        "Add a CI job that fails on high-severity findings, and show it catching a bad change.",
      ],
      successCriteria: [
        "`terraform validate` and `terraform plan` succeed on the fixed code.",
        "Every high or critical finding is either fixed or suppressed inline with a justification that references a ticket.",
        "The custom policy fails a bucket without a data-classification tag and passes one with it (both runs shown).",
        "A CI run fails on a deliberately bad pull request with a readable message, and passes after the fix.",
      ],
      difficulty: "INTERMEDIATE",
      tierRequired: "STARTER",
      isCapstone: false,
      estimatedMinutes: 150,
      prerequisites: ["cloud-posture-review"],
      skills: [
        { skill: "infrastructure-as-code", weight: 0.9 },
        { skill: "cloud-security", weight: 0.5 },
        { skill: "secure-coding", weight: 0.3 },
      ],
      subtasks: [
        {
          title: "Baseline scan",
          instructions: md`
            ~~~bash
            git clone https://git.lab.mxp.local/tidewater/infra && cd infra
            terraform init -backend=false && terraform validate
            checkov -d . --framework terraform --compact
            trivy config --severity HIGH,CRITICAL .
            ~~~

            Count findings by severity and by resource type, and note which findings both tools
            report. Attach the outputs.
          `,
          evidenceRequired: true,
          evidenceKinds: ["log"],
        },
        {
          title: "Fix the code, suppress with reasons",
          instructions: md`
            1. Fix the real problems in code. Example: encrypt the exports bucket with the data key.
               ~~~hcl
               resource "aws_s3_bucket_server_side_encryption_configuration" "exports" {
                 bucket = aws_s3_bucket.exports.id
                 rule {
                   apply_server_side_encryption_by_default {
                     sse_algorithm     = "aws:kms"
                     kms_master_key_id = aws_kms_key.data.arn
                   }
                 }
               }
               ~~~
            2. Replace \`0.0.0.0/0\` on port 22 with AWS Systems Manager Session Manager, or at least the
               VPN's CIDR.
            3. Where a check does not apply, suppress it **on the resource** with a reason and a ticket,
               for example:
               \`#checkov:skip=CKV_AWS_18:This bucket is the access-log target itself (TIDE-142)\`
            4. Run \`terraform plan\` and make sure it still succeeds.

            Attach the diff.
          `,
          evidenceRequired: true,
          evidenceKinds: ["code"],
        },
        {
          title: "Write a custom policy",
          instructions: md`
            Tidewater's rule: *every S3 bucket declares a \`data-classification\` tag.* Write it as a
            Checkov YAML policy in \`policies/s3_data_classification.yaml\`:

            ~~~yaml
            metadata:
              id: "CKV2_TIDE_1"
              name: "S3 buckets must declare a data-classification tag"
              category: "GENERAL_SECURITY"
            definition:
              cond_type: "attribute"
              resource_types:
                - "aws_s3_bucket"
              attribute: "tags.data-classification"
              operator: "exists"
            ~~~

            Test it against two small fixtures, one bucket with the tag and one without:
            \`checkov -d fixtures/ --external-checks-dir policies/ --check CKV2_TIDE_1\`.
            Attach the policy and both results.
          `,
          evidenceRequired: true,
          evidenceKinds: ["code", "log"],
        },
        {
          title: "Gate the pipeline",
          instructions: md`
            1. Add \`.gitea/workflows/iac.yml\`:
               ~~~yaml
               name: iac-security
               on: [pull_request]
               jobs:
                 scan:
                   runs-on: ubuntu-latest
                   steps:
                     - uses: actions/checkout@v4
                     - run: terraform fmt -check -recursive
                     - run: checkov -d . --framework terraform --external-checks-dir policies/ --compact
                     - run: trivy config --severity HIGH,CRITICAL --exit-code 1 .
               ~~~
            2. Open a pull request that adds a bucket without the tag and a security group open to
               the world on port 22. Screenshot the failing run and its message.
            3. Fix the pull request and screenshot the passing run.
            4. Write three lines for the platform team's README: what the check does, how to fix a
               failure, and how to request a justified exception.
          `,
          evidenceRequired: true,
          evidenceKinds: ["config", "screenshot"],
        },
      ],
      rubric: [
        {
          key: "findings-fixed",
          title: "Real issues fixed in code",
          description: "High-impact misconfigurations are fixed correctly in Terraform.",
          weight: 3,
          maxScore: 3,
          levels: levels(
            "No fixes, or the code no longer plans.",
            "Some fixes, but high or critical findings remain without reason.",
            "All high and critical findings fixed or justified, and the code still plans.",
            "Fixes are idiomatic and reusable (for example in a module), with a clean re-scan.",
          ),
        },
        {
          key: "suppression-hygiene",
          title: "Suppression hygiene",
          description: "Suppressions are narrow, justified and traceable.",
          weight: 1,
          maxScore: 3,
          levels: levels(
            "Checks disabled globally or suppressed without reasons.",
            "Inline suppressions without tickets, or for real problems.",
            "Inline suppressions with reasons and tickets, only for non-issues.",
            "Minimal suppressions, each reviewed, with an expiry or review date.",
          ),
        },
        {
          key: "custom-policy",
          title: "Custom policy",
          description: "The Tidewater rule is encoded as a working policy.",
          weight: 2,
          maxScore: 3,
          levels: levels(
            "No custom policy.",
            "A policy that does not load or does not distinguish the fixtures.",
            "The policy fails the untagged bucket and passes the tagged one.",
            "The policy also checks allowed values of the tag, with fixtures for each case.",
          ),
        },
        {
          key: "ci-gate",
          title: "CI gate",
          description: "CI blocks risky changes with messages engineers can act on.",
          weight: 2,
          maxScore: 3,
          levels: levels(
            "No CI job.",
            "A CI job that never fails, or fails on everything.",
            "CI fails the bad pull request and passes the fixed one.",
            "A fast, quiet gate with documentation for engineers and a clear exception process.",
          ),
        },
      ],
      recipes: [
        { title: "Terraform language documentation", skill: "infrastructure-as-code", minutes: 30, url: "https://developer.hashicorp.com/terraform/language" },
        { title: "Checkov: YAML custom policies", skill: "infrastructure-as-code", minutes: 25, url: "https://www.checkov.io/3.Custom%20Policies/YAML%20Custom%20Policies.html" },
        { title: "Trivy: scanning infrastructure as code", skill: "infrastructure-as-code", minutes: 15, url: "https://github.com/aquasecurity/trivy" },
        {
          title: "OWASP Infrastructure as Code Security Cheat Sheet",
          skill: "secure-coding",
          minutes: 20,
          url: "https://cheatsheetseries.owasp.org/cheatsheets/Infrastructure_as_Code_Security_Cheat_Sheet.html",
        },
      ],
    },

    // ── 5 ────────────────────────────────────────────────────────────────────────────────────
    {
      slug: "cloud-keys-left-the-building",
      title: "Keys Left the Building: A CloudTrail Investigation",
      summary:
        "GuardDuty reports EC2 role credentials used from outside AWS. Reconstruct the attacker's actions in CloudTrail, trace the theft to SSRF and IMDSv1, contain it and fix the root cause.",
      story: md`
        Saturday, 04:12. GuardDuty raises
        \`UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS\` for the role
        \`tidewater-web-role\`: credentials belonging to the EC2 instance that runs Tidewater's
        customer dashboard are being used from an IP address outside AWS. Over the next hours
        CloudTrail shows \`ListBuckets\`, a burst of \`GetObject\` calls on forecast data, and a failed
        attempt to create an access key.

        The dashboard has a feature that renders a chart preview from a URL the customer supplies,
        and the instance still allows the original instance metadata service, IMDSv1. You suspect
        server-side request forgery turned into stolen credentials.

        The sandbox replica holds everything you need: CloudTrail with management and S3 data
        events in Athena, VPC Flow Logs, the web server's access logs and the instance itself.
        Reconstruct exactly what happened, contain it the right way for *temporary* credentials,
        and make sure it cannot happen again.
      `,
      objectives: [
        "Reconstruct the attacker's activity from CloudTrail: first use of the stolen credentials, every API call and the data accessed.",
        "Tie the credential theft to its root cause in the application and the instance configuration.",
        "Contain the incident correctly for temporary role credentials and remove any persistence created.",
        "Fix the root cause (IMDSv2, the SSRF, role scope) and add a detection for recurrence.",
      ],
      successCriteria: [
        "The attacker timeline lists every API call made with the stolen credentials (time, source IP, user agent, event name, resource, error code) and matches the lab ground truth.",
        "The SSRF request that fetched the credentials is identified in the web access log and correlated with the first outside use in CloudTrail.",
        "Containment revokes the role's older sessions (AWSRevokeOlderSessions) and removes any attacker-created persistence.",
        "The instance requires IMDSv2 (HttpTokens=required), verified with describe-instances.",
        "At least one tested detection (Athena query, EventBridge rule or Sigma rule for CloudTrail) alerts on role credentials used from outside Tidewater's network.",
      ],
      difficulty: "ADVANCED",
      tierRequired: "PREMIUM",
      isCapstone: false,
      estimatedMinutes: 240,
      prerequisites: ["cloud-terraform-guardrails", "def-first-shift-auth-log"],
      skills: [
        { skill: "cloud-security", weight: 0.8 },
        { skill: "incident-response", weight: 0.7 },
        { skill: "log-analysis", weight: 0.5 },
        { skill: "identity-access", weight: 0.4 },
      ],
      subtasks: [
        {
          title: "Triage the GuardDuty finding",
          instructions: md`
            ~~~bash
            DET=$(aws guardduty list-detectors --query 'DetectorIds[0]' --output text)
            aws guardduty list-findings --detector-id "$DET" \
              --finding-criteria '{"Criterion":{"type":{"Eq":["UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS"]}}}'
            aws guardduty get-findings --detector-id "$DET" --finding-ids <id>
            ~~~

            Record the role, the session's access key ID, the remote IP, and the first and last
            seen times. Screenshot the finding.
          `,
          evidenceRequired: true,
          evidenceKinds: ["screenshot"],
        },
        {
          title: "Build the attacker timeline in Athena",
          instructions: md`
            1. First learn what *normal* looks like: which source IPs does the role use from the
               instance (its NAT gateway or public IP)?
            2. Then list everything else:
               ~~~sql
               SELECT eventtime, eventsource, eventname, sourceipaddress, useragent, errorcode,
                      useridentity.accesskeyid AS key_id,
                      json_extract_scalar(requestparameters, '$.bucketName') AS bucket,
                      json_extract_scalar(requestparameters, '$.key') AS object_key
               FROM cloudtrail_logs
               WHERE useridentity.arn LIKE '%:assumed-role/tidewater-web-role/%'
                 AND sourceipaddress NOT IN ('<instance-or-nat-ip>')
               ORDER BY eventtime;
               ~~~
            3. Pivot on the access key ID: did the same session call from anywhere else?
            4. Look for persistence attempts across **all** identities in the window: \`CreateUser\`,
               \`CreateAccessKey\`, \`CreateLoginProfile\`, \`UpdateAssumeRolePolicy\`,
               \`AttachRolePolicy\`, \`PutUserPolicy\`.
            5. Summarise which objects were read: this decides whether customers must be told.
          `,
          evidenceRequired: true,
          evidenceKinds: ["log"],
        },
        {
          title: "Find the root cause",
          instructions: md`
            1. Search the web access logs for requests that made the server fetch the metadata
               service:
               \`grep -E '169\.254\.169\.254|latest/meta-data|latest/api/token' access.log\`
            2. Correlate the timestamps with the first outside use in CloudTrail.
            3. Check the instance's metadata settings:
               ~~~bash
               aws ec2 describe-instances --instance-ids i-0123456789abcdef0 \
                 --query 'Reservations[].Instances[].MetadataOptions'
               ~~~
            4. Explain the chain in three sentences: which feature, which request, why IMDSv1 made it
               possible, and why IMDSv2 would have stopped this particular request.
          `,
          evidenceRequired: true,
          evidenceKinds: ["log", "report"],
        },
        {
          title: "Contain",
          instructions: md`
            Order matters, and so does evidence.

            1. **Preserve** first: snapshot the instance's EBS volume and tag it for the
               investigation.
            2. **Revoke** the stolen sessions. Temporary credentials cannot be deleted; instead deny
               everything for sessions issued before now. The console's *Revoke active sessions*
               attaches an inline policy named \`AWSRevokeOlderSessions\` with a condition on
               \`aws:TokenIssueTime\`; do the same with \`aws iam put-role-policy\`.
            3. **Remove persistence** you found: access keys, users, login profiles, changed trust
               policies.
            4. Check the application still works after the instance gets fresh credentials.

            Attach the revocation policy and the commands you ran.
          `,
          evidenceRequired: true,
          evidenceKinds: ["config", "log"],
        },
        {
          title: "Fix the root cause and detect recurrence",
          instructions: md`
            1. Require IMDSv2:
               ~~~bash
               aws ec2 modify-instance-metadata-options --instance-id i-0123456789abcdef0 \
                 --http-tokens required --http-put-response-hop-limit 1 --http-endpoint enabled
               ~~~
               and add the same setting to the Terraform launch template from the previous mission.
            2. Fix the SSRF in the dashboard (\`git.lab.mxp.local/tidewater/dashboard\`): allow only
               https URLs to approved hosts, resolve names and reject private, loopback and
               link-local addresses, and do not follow redirects blindly.
            3. Narrow \`tidewater-web-role\` to what the dashboard needs, and consider the
               \`aws:EC2InstanceSourceVPC\` / \`aws:EC2InstanceSourcePrivateIPv4\` condition keys so
               the credentials only work from the instance's network.
            4. Write a detection for role credentials used from unexpected networks, test it on this
               incident's data, and write the incident report: timeline, impact, root cause,
               containment, fixes, and whether customer notification is needed.
          `,
          evidenceRequired: true,
          evidenceKinds: ["config", "code", "report"],
        },
      ],
      rubric: [
        {
          key: "timeline",
          title: "Attacker timeline",
          description: "Every action taken with the stolen credentials is reconstructed.",
          weight: 3,
          maxScore: 3,
          levels: levels(
            "No timeline.",
            "Some API calls listed; legitimate and attacker activity mixed, or calls missing.",
            "A complete attacker timeline matching ground truth, including data accessed and failed calls.",
            "Complete timeline with pivots on key ID and IP, persistence attempts across identities, and a clear statement of data exposure.",
          ),
        },
        {
          key: "root-cause",
          title: "Root cause",
          description: "The theft is traced from the application request to the metadata service.",
          weight: 2,
          maxScore: 3,
          levels: levels(
            "Root cause not identified.",
            "SSRF or IMDSv1 suspected but not proven from logs.",
            "The SSRF request is found and correlated with the first outside use.",
            "The chain is proven end to end and the explanation shows exactly which control would have broken it.",
          ),
        },
        {
          key: "containment",
          title: "Containment",
          description: "Temporary credentials and persistence are contained correctly, with evidence preserved.",
          weight: 3,
          maxScore: 3,
          levels: levels(
            "No containment, or containment that destroyed evidence (for example terminating the instance first).",
            "Partial containment, for example persistence removed but old sessions still valid.",
            "Sessions revoked, persistence removed, evidence preserved, application working.",
            "Containment in the right order with verification that the stolen session is now denied.",
          ),
        },
        {
          key: "remediation-detection",
          title: "Remediation and detection",
          description: "The root cause is fixed in code and configuration, and recurrence is detected.",
          weight: 2,
          maxScore: 3,
          levels: levels(
            "No remediation.",
            "IMDSv2 required but the SSRF and role scope unchanged, or no detection.",
            "IMDSv2 enforced (also in Terraform), SSRF fixed, role narrowed and a tested detection.",
            "Defence in depth including network-bound credentials, with the detection tuned against normal activity.",
          ),
        },
      ],
      recipes: [
        { title: "MITRE ATT&CK T1552.005: Cloud Instance Metadata API", skill: "cloud-security", minutes: 10, url: "https://attack.mitre.org/techniques/T1552/005/" },
        {
          title: "Amazon EC2: Configure the instance metadata service (IMDSv2)",
          skill: "cloud-security",
          minutes: 20,
          url: "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html",
        },
        {
          title: "AWS IAM: Revoking IAM role temporary security credentials",
          skill: "incident-response",
          minutes: 15,
          url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_revoke-sessions.html",
        },
        {
          title: "AWS CloudTrail: Record contents",
          skill: "log-analysis",
          minutes: 25,
          url: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html",
        },
        {
          title: "AWS Security Incident Response Guide",
          skill: "incident-response",
          minutes: 45,
          url: "https://docs.aws.amazon.com/whitepapers/latest/aws-security-incident-response-guide/welcome.html",
        },
      ],
    },

    // ── 6 · capstone ─────────────────────────────────────────────────────────────────────────
    {
      slug: "cloud-capstone-landing-zone",
      title: "Capstone: A Landing Zone Tidewater Can Grow Into",
      summary:
        "Design and build Tidewater's multi-account AWS foundation in Terraform, with SCP guardrails, tamper-resistant central logging and org-wide detection, then attack it to prove it works.",
      story: md`
        Tidewater has closed its Series B and signed the shipping line. The contract requires
        audit logs kept for a year, separation between production and development, and evidence
        of preventive controls. One AWS account for everything will no longer do. Amara asks you
        to design and build the foundation the company will live in for years.

        The academy gives you an AWS Organizations sandbox: a management account and three member
        accounts. You will design the organisation (OUs, accounts, identity), implement it in
        Terraform, enforce guardrails with service control policies, centralise logging so that
        not even an account administrator can erase it, and turn on organisation-wide threat
        detection.

        Then you will attack your own work. Every incident from this track must be prevented or
        detected: the public bucket, the administrator role, the stolen instance credentials. A
        mentor reviews this capstone as an architecture review board would: show the design, the
        code, the proof, and the trade-offs you chose.
      `,
      objectives: [
        "Produce a threat model and architecture for a multi-account landing zone that addresses Tidewater's past incidents.",
        "Implement the organisation, identity, logging and detection in reviewed, modular Terraform.",
        "Enforce preventive guardrails with service control policies, and detective controls organisation-wide.",
        "Prove the controls with attack simulations and document decisions for auditors.",
      ],
      successCriteria: [
        "The architecture diagram and threat model (STRIDE or attack trees) map each past incident to at least one preventive and one detective control.",
        "`terraform plan` shows no changes after apply, and Checkov/Trivy report no unjustified high findings.",
        "SCPs demonstrably block disabling CloudTrail, leaving the organisation, launching instances without IMDSv2, and removing S3 Block Public Access (each with a denied API call shown).",
        "The organisation trail delivers to a log-archive bucket with Object Lock and log file validation, and a member-account administrator cannot delete logs (shown).",
        "GuardDuty and Security Hub are enabled organisation-wide with a delegated administrator, and a sample finding reaches the security account.",
        "At least four architecture decision records and an account-onboarding runbook are delivered.",
      ],
      difficulty: "ELITE",
      tierRequired: "PREMIUM",
      isCapstone: true,
      estimatedMinutes: 480,
      passThreshold: 75,
      prerequisites: ["cloud-keys-left-the-building"],
      skills: [
        { skill: "cloud-security", weight: 1 },
        { skill: "infrastructure-as-code", weight: 0.8 },
        { skill: "identity-access", weight: 0.6 },
        { skill: "reporting", weight: 0.5 },
        { skill: "threat-modeling", weight: 0.4 },
        { skill: "detection-engineering", weight: 0.3 },
        { skill: "cryptography", weight: 0.3 },
      ],
      subtasks: [
        {
          title: "Threat model and architecture",
          instructions: md`
            1. Draw the target architecture: OUs (for example Security, Infrastructure,
               Workloads-Prod, Workloads-Dev, Sandbox), accounts (log archive, security tooling,
               shared networking, workloads), identity flow and log flow.
            2. Threat-model it with STRIDE or attack trees. Start from the three incidents in this
               track and add at least three threats of your own (for example a compromised CI role,
               an insider in a member account, deletion of logs).
            3. For every threat name a **preventive** and a **detective** control.
            4. Note what you are deliberately *not* building yet, and why.
          `,
          evidenceRequired: true,
          evidenceKinds: ["report"],
        },
        {
          title: "Organisation, OUs and identity in Terraform",
          instructions: md`
            1. Build the organisation structure with \`aws_organizations_organization\`,
               \`aws_organizations_organizational_unit\` and \`aws_organizations_account\` (or import
               the sandbox's existing member accounts).
            2. Set up IAM Identity Center permission sets (\`aws_ssoadmin_permission_set\`) for
               at least: read-only auditor, developer (dev only), platform admin (time-bound), and a
               documented break-glass path.
            3. Keep state remote and encrypted, with locking; keep modules small and reviewed.
            4. Scan with Checkov and Trivy before every apply; run \`terraform plan\` after apply and
               show it reports no changes.

            Attach the code (or a link to your branch on \`git.lab.mxp.local\`) and the plan output.
          `,
          evidenceRequired: true,
          evidenceKinds: ["code", "config"],
        },
        {
          title: "Guardrails with service control policies",
          instructions: md`
            Write SCPs that member accounts cannot bypass. Example statement requiring IMDSv2:

            ~~~json
            {
              "Sid": "RequireImdsV2",
              "Effect": "Deny",
              "Action": "ec2:RunInstances",
              "Resource": "arn:aws:ec2:*:*:instance/*",
              "Condition": { "StringNotEquals": { "ec2:MetadataHttpTokens": "required" } }
            }
            ~~~

            Also deny: \`cloudtrail:StopLogging\`, \`cloudtrail:DeleteTrail\` and
            \`cloudtrail:UpdateTrail\` on the organisation trail; \`organizations:LeaveOrganization\`;
            \`s3:PutAccountPublicAccessBlock\` (so it cannot be loosened); disabling GuardDuty. Exempt
            only a named platform role with \`ArnNotLike\` on \`aws:PrincipalARN\`, and explain the
            risk of that exemption. Attach the SCPs as Terraform
            (\`aws_organizations_policy\`, \`aws_organizations_policy_attachment\`).
          `,
          evidenceRequired: true,
          evidenceKinds: ["code"],
        },
        {
          title: "Centralised logging and organisation-wide detection",
          instructions: md`
            1. Create an organisation trail (all regions, management and S3 data events for
               sensitive buckets, log file validation on) delivering to a bucket in the log-archive
               account.
            2. Protect the bucket: Object Lock (use governance mode in the sandbox so it can be
               cleaned up; explain why production would use compliance mode), a customer-managed
               KMS key whose key policy only lets CloudTrail encrypt and a small group decrypt,
               and a bucket policy that denies deletion.
            3. Enable GuardDuty and Security Hub for the whole organisation with the security
               tooling account as delegated administrator, auto-enabling new accounts.
            4. Prove the pipeline: \`aws guardduty create-sample-findings\` in a member account and
               screenshot the finding arriving in the security account.
          `,
          evidenceRequired: true,
          evidenceKinds: ["config", "screenshot"],
        },
        {
          title: "Attack your own guardrails",
          instructions: md`
            Sign in to a workload account as its **administrator** and try to undo your controls.
            Every attempt must fail, and every failure must be visible centrally.

            ~~~bash
            aws cloudtrail stop-logging --name org-trail
            aws organizations leave-organization
            aws s3control delete-public-access-block --account-id ACCOUNT_ID
            aws ec2 run-instances --image-id ami-0abcdef1234567890 --instance-type t3.micro \
              --metadata-options HttpTokens=optional
            aws s3 rm s3://LOG_ARCHIVE_BUCKET/AWSLogs/ --recursive
            ~~~

            For each attempt, attach the error and the matching CloudTrail event seen from the log
            archive. Finish by recreating the three incidents from this track in a workload
            account (public bucket, admin role, IMDSv1 instance) and show which control stops or
            detects each.
          `,
          evidenceRequired: true,
          evidenceKinds: ["log", "screenshot"],
        },
        {
          title: "Auditor pack: decisions and runbook",
          instructions: md`
            1. Write at least four architecture decision records (context, decision, alternatives,
               consequences), for example: Identity Center over IAM users; SCP exemptions; Object
               Lock mode and retention; delegated administration for security services.
            2. Write an account-onboarding runbook: from request to a new account with guardrails,
               logging and detection, and how to verify each.
            3. Add a one-page summary for Amara: what Tidewater now has, what it costs to run, and
               what remains on the roadmap.
          `,
          evidenceRequired: true,
          evidenceKinds: ["report"],
        },
      ],
      rubric: [
        {
          key: "architecture",
          title: "Architecture and threat model",
          description: "The design is sound and every significant threat maps to controls.",
          weight: 2,
          maxScore: 3,
          levels: levels(
            "No architecture or threat model.",
            "A diagram without a threat model, or threats without controls.",
            "A clear architecture with each past incident and new threat mapped to preventive and detective controls.",
            "A design that anticipates growth, with explicit trade-offs and a defensible scope of what is not built yet.",
          ),
        },
        {
          key: "implementation",
          title: "Terraform implementation",
          description: "The landing zone is built in clean, idempotent, scanned code.",
          weight: 3,
          maxScore: 3,
          levels: levels(
            "No code, or manual changes only.",
            "Partial code, manual steps, or a plan that keeps changing after apply.",
            "Modular Terraform, idempotent after apply, scanned clean or with justified suppressions.",
            "Code a platform team could adopt: remote locked state, small reviewed modules, documented inputs, CI-ready.",
          ),
        },
        {
          key: "guardrails",
          title: "Preventive guardrails",
          description: "SCPs block the dangerous actions and hold up against an account administrator.",
          weight: 3,
          maxScore: 3,
          levels: levels(
            "No working SCPs.",
            "SCPs exist but some required actions are not blocked, or the exemption is overly broad.",
            "All required actions are blocked, with denied calls shown from an administrator session.",
            "Guardrails are complete and minimal, the exemption is narrow and monitored, and all three past incidents are prevented.",
          ),
        },
        {
          key: "detection-logging",
          title: "Logging and detection",
          description: "Logs are central, tamper-resistant and complete; detection is organisation-wide.",
          weight: 2,
          maxScore: 3,
          levels: levels(
            "No central logging or detection.",
            "Central trail without tamper protection, or detection not organisation-wide.",
            "Protected organisation trail, GuardDuty and Security Hub with delegated admin, sample finding shown.",
            "Logging and detection proven under attack, with the KMS key policy and retention justified.",
          ),
        },
        {
          key: "documentation",
          title: "Decisions and runbook",
          description: "Auditors and the next engineer can understand and operate the design.",
          weight: 2,
          maxScore: 3,
          levels: levels(
            "No documentation.",
            "Documentation exists but omits alternatives or onboarding steps.",
            "Four or more ADRs, an onboarding runbook and a CTO summary.",
            "Documentation is concise, honest about trade-offs and costs, and would satisfy an ISO 27001 auditor.",
          ),
        },
      ],
      recipes: [
        {
          title: "AWS Organizations: Service control policies",
          skill: "cloud-security",
          minutes: 30,
          url: "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html",
        },
        {
          title: "Organizing Your AWS Environment Using Multiple Accounts (whitepaper)",
          skill: "cloud-security",
          minutes: 60,
          url: "https://docs.aws.amazon.com/whitepapers/latest/organizing-your-aws-environment/organizing-your-aws-environment.html",
        },
        {
          title: "AWS CloudTrail: Creating a trail for an organization",
          skill: "cloud-security",
          minutes: 20,
          url: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/creating-trail-organization.html",
        },
        { title: "AWS KMS: Concepts and key policies", skill: "cryptography", minutes: 30, url: "https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html" },
        {
          title: "OWASP Threat Modeling Cheat Sheet",
          skill: "threat-modeling",
          minutes: 30,
          url: "https://cheatsheetseries.owasp.org/cheatsheets/Threat_Modeling_Cheat_Sheet.html",
        },
      ],
    },
  ],
};
