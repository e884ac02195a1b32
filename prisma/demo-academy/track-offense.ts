import { levels, md } from "./authoring";
import type { TrackSeed } from "./types";

/**
 * Offensive security: an ethical engagement for Larkspur Health (fictional) as a tester at
 * Kestrel Assurance (fictional). Every target is an academy lab system under lab.mxp.local,
 * tested only within the rules of engagement each mission states.
 */
export const offenseTrack: TrackSeed = {
  slug: "offensive-security",
  title: "Offensive Security: Web & Network Pentesting",
  summary: "Join Kestrel Assurance, an ethical penetration-testing firm, and take Larkspur Health's engagement from scoping and recon to a client-grade report.",
  description: md`
    Kestrel Assurance is a small penetration-testing consultancy, and Larkspur Health, a
    regional healthcare group, has just signed its biggest engagement. You join as a junior
    tester and grow into the lead: scope and passive recon, network mapping with nmap, access
    control and injection testing with Burp Suite, Linux privilege escalation, and finally a
    full engagement against Larkspur's new telehealth platform.

    Offensive work is only legitimate when it is authorised. Every mission starts from written
    rules of engagement, every target lives in the academy lab (\`*.lab.mxp.local\` and the lab VPN
    ranges), and the lab's sensors check that you stayed in scope. How you test (minimal impact,
    clean-up, honest reporting) is graded as much as what you find.
  `,
  missions: [
    // ── 1 ────────────────────────────────────────────────────────────────────────────────────
    {
      slug: "off-scope-and-recon",
      title: "Scope First: Recon Inside the Lines",
      summary: "Read Larkspur Health's rules of engagement, build an asset inventory from passive sources, and decide what may and may not be touched.",
      story: md`
        It is your first day at Kestrel Assurance. The lead tester, Tomás Reyes, drops a signed
        rules-of-engagement document (RoE) on your desk: Larkspur Health has authorised testing of
        \`*.larkspur.lab.mxp.local\` and the network 10.10.20.0/24. Explicitly out of scope:
        \`pharmacy.larkspur.lab.mxp.local\`, which a third party runs, any denial of service, and any
        social engineering of staff.

        Active testing starts on Monday. Until then you may only do **passive reconnaissance**: read
        what Larkspur publishes about itself. The lab mirrors the public sources you would use in
        real life, including a certificate transparency search at \`https://ct.lab.mxp.local\` and
        Larkspur's public website.

        "The fastest way to end a career in this industry," Tomás says, "is to scan something you
        weren't allowed to. Build me a target list where every line says *why* it is in scope."
      `,
      objectives: [
        "Extract scope, exclusions, testing window and emergency contacts from the rules of engagement.",
        "Enumerate subdomains passively from certificate transparency and DNS.",
        "Classify every discovered asset as in scope, out of scope, or needs clarification, with a reason.",
        "Record public information that will shape later testing (technologies, naming conventions, exposed documents).",
      ],
      successCriteria: [
        "A scope table lists every discovered host with its IP, how it was discovered, and a scope decision with a reason.",
        "pharmacy.larkspur.lab.mxp.local and every host resolving outside 10.10.20.0/24 are marked out of scope or needs clarification.",
        "At least three OSINT observations are recorded, each with how it could influence testing.",
        "The lab's sensors record no scanning traffic from the student during this mission.",
      ],
      difficulty: "NOVICE",
      tierRequired: "FREE",
      isCapstone: false,
      estimatedMinutes: 45,
      prerequisites: [],
      skills: [
        { skill: "osint", weight: 0.8 },
        { skill: "network-recon", weight: 0.3 },
        { skill: "reporting", weight: 0.3 },
      ],
      subtasks: [
        {
          title: "Read the rules of engagement",
          instructions: md`
            Open \`https://lab.mxp.local/missions/scope-first/roe.pdf\` and fill in a *scope card* at the
            top of your notes:

            - in-scope domains and address ranges;
            - explicit exclusions;
            - the testing window (dates, hours, time zone);
            - forbidden techniques;
            - emergency contact at Larkspur and at Kestrel, and what counts as an emergency.

            You will check every later action against this card.
          `,
          evidenceRequired: false,
          evidenceKinds: [],
        },
        {
          title: "Harvest names from certificate transparency",
          instructions: md`
            Every publicly trusted TLS certificate is logged, and the names on it are searchable.

            1. Query the lab's certificate transparency mirror (it speaks the same API as crt.sh):
               ~~~bash
               curl -s 'https://ct.lab.mxp.local/?q=%25.larkspur.lab.mxp.local&output=json' \
                 | jq -r '.[].name_value' | tr 'A-Z' 'a-z' | sort -u > ct-names.txt
               ~~~
            2. Remove wildcard entries (\`*.\`) into a separate list; they tell you a naming scheme, not a
               host.
            3. Note any names that look like environments (\`dev\`, \`staging\`, \`old\`), vendors or
               products.

            Attach \`ct-names.txt\`.
          `,
          evidenceRequired: true,
          evidenceKinds: ["log"],
        },
        {
          title: "Resolve every name and check it against scope",
          instructions: md`
            1. Resolve each name with ordinary DNS lookups (this is passive: you are asking the
               resolver, not the host):
               ~~~bash
               while read -r h; do
                 printf '%s\t%s\n' "$h" "$(dig +short "$h" | tail -1)"
               done < ct-names.txt > resolved.tsv
               ~~~
            2. For each row decide: **in scope** (name matches and IP is in 10.10.20.0/24),
               **out of scope** (excluded, or IP outside the range), or **needs clarification** (for
               example a CNAME to a hosting provider).
            3. Write the scope table: host, IP, discovered via, decision, reason.
          `,
          evidenceRequired: true,
          evidenceKinds: ["report"],
        },
        {
          title: "Collect OSINT observations",
          instructions: md`
            Browse Larkspur's public website as a normal visitor would. Do **not** run crawlers,
            scanners or directory brute-forcers yet.

            1. Read \`robots.txt\` and \`sitemap.xml\`.
            2. Look at the staff and careers pages: naming conventions for e-mail addresses,
               technologies mentioned in job ads.
            3. Download two public PDFs and read their metadata: \`exiftool brochure.pdf\`
               (authors, software versions, internal paths).
            4. For each observation, write one line on how it could influence testing, for example
               *"job ad mentions Keycloak → plan SSO tests"*.
          `,
          evidenceRequired: true,
          evidenceKinds: ["report"],
        },
      ],
      rubric: [
        {
          key: "scope-discipline",
          title: "Scope discipline",
          description: "Every asset has a correct, justified scope decision and nothing was actively probed.",
          weight: 3,
          maxScore: 3,
          levels: levels(
            "No scope decisions, or out-of-scope hosts were scanned.",
            "Decisions are made but some are wrong (for example the pharmacy host is marked in scope).",
            "Every host has a correct decision with a reason, and no active probing is recorded.",
            "Decisions are correct and ambiguous cases are escalated with a ready-to-send clarification question for the client.",
          ),
        },
        {
          key: "enumeration",
          title: "Passive enumeration",
          description: "Certificate transparency and DNS are used thoroughly.",
          weight: 2,
          maxScore: 3,
          levels: levels(
            "No enumeration.",
            "A handful of names found, without resolution or de-duplication.",
            "All certificate transparency names are collected, de-duplicated and resolved.",
            "Enumeration is complete, wildcards and CNAME chains are interpreted, and the method is reproducible.",
          ),
        },
        {
          key: "osint-value",
          title: "Value of OSINT observations",
          description: "Observations are relevant and linked to later testing.",
          weight: 2,
          maxScore: 3,
          levels: levels(
            "No observations.",
            "Observations are listed without saying why they matter.",
            "Three or more relevant observations, each linked to a testing idea.",
            "Observations are insightful (naming schemes, stack, leaked internal paths) and prioritised for the test plan.",
          ),
        },
        {
          key: "documentation",
          title: "Documentation",
          description: "The scope card and table are clear enough for a colleague to use.",
          weight: 1,
          maxScore: 3,
          levels: levels(
            "No usable documentation.",
            "Notes exist but are hard to follow.",
            "A clear scope card and scope table.",
            "Documentation is ready to paste into the engagement's test plan, sources cited.",
          ),
        },
      ],
      recipes: [
        { title: "MITRE ATT&CK TA0043: the Reconnaissance tactic", skill: "osint", minutes: 15, url: "https://attack.mitre.org/tactics/TA0043/" },
        { title: "OWASP Web Security Testing Guide: Information Gathering", skill: "osint", minutes: 30, url: "https://owasp.org/www-project-web-security-testing-guide/" },
        { title: "OSINT Framework: a map of open-source intelligence sources", skill: "osint", minutes: 20, url: "https://osintframework.com/" },
      ],
    },

    // ── 2 ────────────────────────────────────────────────────────────────────────────────────
    {
      slug: "off-mapping-the-network",
      title: "Mapping Larkspur's Network with nmap",
      summary: "Discover Larkspur's live hosts and services with nmap inside the agreed rate limits, compare them with the client's asset list and decide what to test first.",
      story: md`
        Monday, 09:00: active testing is authorised. Larkspur's IT manager has sent an asset list
        that says "about ten servers" live in 10.10.20.0/24. Tomás has heard that before. "Find out
        what's actually there before you get excited about anything," he says, "and keep under
        200 packets per second. Their firewall is older than you are."

        You connect to the lab network over the academy VPN. Your goal is an accurate map of
        hosts and services, the exact commands that produced it, and a short list of what deserves
        attention first. Hosts missing from the client's list are findings in their own right: an
        unmanaged server is often an unpatched one.
      `,
      objectives: [
        "Discover live hosts using host discovery suited to a filtered, routed network.",
        "Enumerate all open TCP ports with service versions, and the most common UDP services.",
        "Use safe NSE scripts to gather detail without exploiting anything.",
        "Compare findings with the client's asset list and prioritise what to test next.",
      ],
      successCriteria: [
        "The live host list matches the lab ground truth with at most one miss, and hosts absent from the client's list are flagged.",
        "Every host has its open ports with service and version, from saved nmap output (-oA) whose command line is included.",
        "All scans used --max-rate 200 or lower, which the lab's sensors confirm.",
        "A prioritised list of at least five interesting services gives a reason for each (outdated version, cleartext protocol, exposed admin interface…).",
      ],
      difficulty: "BEGINNER",
      tierRequired: "FREE",
      isCapstone: false,
      estimatedMinutes: 75,
      prerequisites: ["off-scope-and-recon"],
      skills: [
        { skill: "network-recon", weight: 0.9 },
        { skill: "reporting", weight: 0.3 },
      ],
      subtasks: [
        {
          title: "Connect and sanity-check",
          instructions: md`
            1. Download \`mxp-lab.ovpn\` from the mission panel and connect:
               \`sudo openvpn --config mxp-lab.ovpn\`.
            2. Check the route: \`ip route | grep 10.10.20\`.
            3. Confirm you reach the gateway: \`ping -c 3 10.10.20.1\`.
            4. Re-read your scope card. Only 10.10.20.0/24 is in scope for this mission.
          `,
          evidenceRequired: false,
          evidenceKinds: [],
        },
        {
          title: "Discover live hosts",
          instructions: md`
            1. A ping sweep alone misses hosts that drop ICMP. Combine probes:
               ~~~bash
               sudo nmap -sn -PE -PS22,80,443,3389 -PA80 --max-rate 200 10.10.20.0/24 -oA discovery
               grep 'Status: Up' discovery.gnmap | awk '{print $2}' > live.txt
               ~~~
            2. Run an ICMP-only sweep (\`-sn -PE\`) and compare the counts. Which hosts did it miss, and
               why?
            3. Compare \`live.txt\` with the client's asset list in the mission panel.

            Attach the \`discovery.*\` files.
          `,
          evidenceRequired: true,
          evidenceKinds: ["log"],
        },
        {
          title: "Enumerate services",
          instructions: md`
            1. All TCP ports with versions (this takes a while at 200 pps; start it and read on):
               ~~~bash
               sudo nmap -sS -sV -p- --max-rate 200 -iL live.txt -oA tcp-full
               ~~~
            2. The most common UDP services:
               ~~~bash
               sudo nmap -sU --top-ports 50 --max-rate 200 -iL live.txt -oA udp-top
               ~~~
            3. Summarise open ports per host: \`grep -E '/open/' tcp-full.gnmap\`.

            Attach the \`tcp-full.*\` and \`udp-top.*\` files.
          `,
          evidenceRequired: true,
          evidenceKinds: ["log"],
        },
        {
          title: "Dig deeper with safe scripts",
          instructions: md`
            NSE scripts in the \`safe\` category gather information without attacking the service.

            1. Run default safe scripts against the open ports you found:
               \`sudo nmap -sV --script "default and safe" -p <ports> <host> -oA nse-<host>\`
            2. Useful specific scripts: \`ssl-enum-ciphers\` (weak TLS), \`smb2-security-mode\` (SMB
               signing), \`http-title\` and \`http-headers\` (what the web servers are), \`snmp-info\` (for
               UDP 161).
            3. Screenshot one result that changed your view of a host.
          `,
          evidenceRequired: true,
          evidenceKinds: ["log", "screenshot"],
        },
        {
          title: "Prioritise and report",
          instructions: md`
            Write a short report:

            1. A host table: IP, hostname, open services and versions, on the client's list (yes/no).
            2. **Top five (or more) interesting services**, each with the reason and the test you
               would run next, for example *"10.10.20.31: Jenkins 2.150 exposed without login → check
               for unauthenticated script console"*.
            3. An appendix with every nmap command you ran and when.
          `,
          evidenceRequired: true,
          evidenceKinds: ["report"],
        },
      ],
      rubric: [
        {
          key: "coverage",
          title: "Host and service coverage",
          description: "Live hosts and services are found completely and accurately.",
          weight: 3,
          maxScore: 3,
          levels: levels(
            "No usable host or service list.",
            "Several hosts or many services are missing, for example because only ICMP or the top 1,000 ports were used.",
            "Live hosts match the ground truth with at most one miss, with all TCP services and versions.",
            "Complete TCP and UDP coverage, and unmanaged hosts are clearly identified.",
          ),
        },
        {
          key: "technique",
          title: "Scan technique and restraint",
          description: "Scan types fit the network, and the rate limit and scope are respected.",
          weight: 2,
          maxScore: 3,
          levels: levels(
            "Scans broke the rate limit or left the agreed range.",
            "Scans stayed in bounds but technique choices were poor or unexplained.",
            "Appropriate discovery and scan types within the rate limit, with the choices explained.",
            "Efficient, well-reasoned scanning (for example targeted version detection after a fast port sweep) with the ICMP-only comparison explained.",
          ),
        },
        {
          key: "analysis",
          title: "Prioritisation",
          description: "Findings are interpreted and turned into a test plan.",
          weight: 2,
          maxScore: 3,
          levels: levels(
            "Raw output only.",
            "Some services are highlighted without reasons.",
            "At least five services prioritised with sound reasons and next tests.",
            "Prioritisation reflects risk to a healthcare client and cites versions or configurations precisely.",
          ),
        },
        {
          key: "reproducibility",
          title: "Reproducibility",
          description: "Saved outputs and commands let someone repeat the work.",
          weight: 1,
          maxScore: 3,
          levels: levels(
            "No saved output.",
            "Some outputs saved, commands incomplete.",
            "All scans saved with -oA and commands listed.",
            "Commands, timestamps and outputs form a clean audit trail of the testing.",
          ),
        },
      ],
      recipes: [
        { title: "Nmap Reference Guide", skill: "network-recon", minutes: 40, url: "https://nmap.org/book/man.html" },
        { title: "Nmap: Host Discovery", skill: "network-recon", minutes: 20, url: "https://nmap.org/book/man-host-discovery.html" },
        { title: "Nmap Scripting Engine (NSE)", skill: "network-recon", minutes: 25, url: "https://nmap.org/book/nse.html" },
      ],
    },

    // ── 3 ────────────────────────────────────────────────────────────────────────────────────
    {
      slug: "off-broken-access-control",
      title: "Other People's Appointments: Broken Access Control",
      summary: "Map Larkspur's patient portal API with Burp Suite and prove, with two test accounts and minimal data access, whether one patient can see another's records.",
      story: md`
        Larkspur's patient portal, \`https://portal.larkspur.lab.mxp.local\`, lets patients book
        appointments, message clinicians and download letters. The product owner is confident:
        "Patients can only ever see their own data; the app never even shows anyone else's ID."
        Tomás is less sure. The single-page app talks to a JSON API, and APIs often trust whatever
        ID the client sends.

        Larkspur has created two test patients for you, \`alice.patient\` and \`bob.patient\`, each with
        seeded appointments and letters. The RoE allows you to access **only** these two accounts'
        data. If you can reach another record, prove it with the smallest possible access and stop.

        Broken access control tops the OWASP Top 10 for a reason. Your finding, if there is one,
        goes straight to Larkspur's developers, so it must be reproducible and the fix must be
        clear.
      `,
      objectives: [
        "Proxy the portal through Burp Suite and map every API endpoint and the parameters that identify objects.",
        "Test each object reference for horizontal and vertical authorisation flaws using two accounts.",
        "Demonstrate impact with the minimum data access necessary.",
        "Write findings with reproduction steps, a CVSS score and a fix developers can implement.",
      ],
      successCriteria: [
        "An endpoint inventory lists each API route, method, object identifier and authorisation result (pass or fail).",
        "At least two distinct access-control flaws are demonstrated with Burp Repeater request/response pairs, using only the test accounts and their seeded records.",
        "Each finding has a CVSS v3.1 or v4.0 vector and score with a short rationale.",
        "The remediation describes server-side ownership checks on every request, not hiding IDs in the UI or making them harder to guess.",
      ],
      difficulty: "INTERMEDIATE",
      tierRequired: "STARTER",
      isCapstone: false,
      estimatedMinutes: 120,
      prerequisites: ["off-mapping-the-network"],
      skills: [
        { skill: "web-app-testing", weight: 0.9 },
        { skill: "reporting", weight: 0.4 },
        { skill: "secure-coding", weight: 0.2 },
      ],
      subtasks: [
        {
          title: "Set up Burp Suite and map the app",
          instructions: md`
            1. Start Burp Suite (Community is enough) and use its embedded browser, or point your
               browser at the proxy \`127.0.0.1:8080\` and install Burp's CA certificate.
            2. In **Target → Scope**, add only \`portal.larkspur.lab.mxp.local\` and enable
               *"Show only in-scope items"*.
            3. Log in as Alice and use **every** feature: book, reschedule and cancel an appointment,
               send a message, download a letter, edit the profile.
            4. In **Target → Site map**, list the API routes and note which parameters identify an
               object (path IDs, query parameters, JSON fields).

            Attach a screenshot of the site map.
          `,
          evidenceRequired: true,
          evidenceKinds: ["screenshot"],
        },
        {
          title: "Build the authorisation matrix",
          instructions: md`
            Create a table of every endpoint and what *should* happen for each caller:

            | Method and route | Object ID | Alice (owner) | Bob (other patient) | No session |
            | --- | --- | --- | --- | --- |
            | GET /api/appointments/{id} | numeric | 200 | 403/404 | 401 |

            Fill in the expected results first, then the actual ones as you test.
          `,
          evidenceRequired: true,
          evidenceKinds: ["report"],
        },
        {
          title: "Test with Repeater",
          instructions: md`
            1. Log in as Bob in a private window and copy his session token (cookie or
               \`Authorization: Bearer …\` header).
            2. Send Alice's requests to **Repeater** and replay them with Bob's token and with no
               token at all.
            3. Try the variations attackers try: another ID of **Bob's own** records in Alice's
               session, a different HTTP method (\`PUT\`, \`DELETE\`), IDs found elsewhere in responses
               (for example in clinician schedules), and admin-looking routes you saw in the
               JavaScript.
            4. As soon as one request proves a flaw, **stop**. Do not enumerate other IDs and do not
               read records that are not Alice's or Bob's.
            5. Save each proving request/response pair (right-click → *Save item*) and screenshot it.
          `,
          evidenceRequired: true,
          evidenceKinds: ["screenshot", "log"],
        },
        {
          title: "Score and write the findings",
          instructions: md`
            For each flaw, write a finding with:

            1. Title and severity, with a CVSS vector from the FIRST calculator and a sentence on
               why each metric was chosen.
            2. Affected endpoints.
            3. Step-by-step reproduction a developer can follow.
            4. Impact for Larkspur, in terms of patients and regulation.
            5. Remediation: an ownership check on the server for every request (for example
               *"load the appointment where id = :id **and** patient_id = :session_patient"*),
               centralised authorisation, and tests for it.
            6. References (OWASP Top 10 A01, OWASP API Security API1).
          `,
          evidenceRequired: true,
          evidenceKinds: ["report"],
        },
      ],
      rubric: [
        {
          key: "coverage",
          title: "Endpoint coverage",
          description: "Every endpoint and object reference is mapped and tested.",
          weight: 2,
          maxScore: 3,
          levels: levels(
            "No endpoint inventory.",
            "Some endpoints tested; several object references missed.",
            "All endpoints are in the matrix with expected and actual results.",
            "Complete matrix including methods, unauthenticated access and vertical (admin) routes found in client code.",
          ),
        },
        {
          key: "exploitation-evidence",
          title: "Proof of the flaws",
          description: "Flaws are demonstrated with clear request/response evidence.",
          weight: 3,
          maxScore: 3,
          levels: levels(
            "No flaw demonstrated.",
            "One flaw claimed, with weak or unclear evidence.",
            "Two distinct flaws proven with Repeater request/response pairs.",
            "Flaws are proven crisply, root causes distinguished (for example missing check versus wrong check), and impact is precisely bounded.",
          ),
        },
        {
          key: "minimal-impact",
          title: "Ethics and minimal impact",
          description: "Testing stayed within the RoE and accessed only the allowed records.",
          weight: 2,
          maxScore: 3,
          levels: levels(
            "Records outside the test accounts were accessed or IDs were enumerated.",
            "Stayed in scope but generated unnecessary requests or changes.",
            "Only the test accounts' data was accessed and testing stopped once each flaw was proven.",
            "Impeccable restraint, with any changes made during testing documented and reverted.",
          ),
        },
        {
          key: "remediation",
          title: "Remediation and scoring",
          description: "Fixes address the root cause and severity is scored soundly.",
          weight: 2,
          maxScore: 3,
          levels: levels(
            "No remediation or scoring.",
            "Remediation suggests UI changes or ID obfuscation; CVSS missing or unjustified.",
            "Server-side ownership checks recommended; CVSS vectors justified.",
            "Remediation includes a concrete code-level pattern and a test strategy; scoring reflects healthcare context.",
          ),
        },
      ],
      recipes: [
        { title: "OWASP Top 10 A01:2021 Broken Access Control", skill: "web-app-testing", minutes: 20, url: "https://owasp.org/Top10/A01_2021-Broken_Access_Control/" },
        {
          title: "OWASP API Security Top 10 2023: API1 Broken Object Level Authorization",
          skill: "web-app-testing",
          minutes: 15,
          url: "https://owasp.org/API-Security/editions/2023/en/0xa1-broken-object-level-authorization/",
        },
        {
          title: "PortSwigger Web Security Academy: Access control vulnerabilities",
          skill: "web-app-testing",
          minutes: 45,
          url: "https://portswigger.net/web-security/access-control",
        },
        { title: "FIRST CVSS v3.1 Specification", skill: "reporting", minutes: 30, url: "https://www.first.org/cvss/v3.1/specification-document" },
      ],
    },

    // ── 4 ────────────────────────────────────────────────────────────────────────────────────
    {
      slug: "off-injection-proven-patched",
      title: "Injection, Proven and Patched",
      summary: "Confirm a SQL injection in Larkspur's staff directory by hand, prove its impact carefully, then fix the code, add a regression test and retest the deployment.",
      story: md`
        Larkspur's staff intranet at \`https://intranet.larkspur.lab.mxp.local\` has a clinic directory
        search. A nurse reported that searching for her colleague *O'Brien* shows an error page. To
        a tester, an apostrophe that breaks a page is an invitation.

        This time Larkspur wants more than a finding. Their two-person development team has given
        Kestrel read access to the directory service's source at
        \`https://git.lab.mxp.local/larkspur/directory\` and asked for a verified fix as a pull request.
        The lab redeploys the service from your branch whenever you press **Deploy** in the mission
        panel.

        Prove the vulnerability by hand before reaching for tools, show just enough impact to make
        the risk undeniable, then fix it properly and prove the fix.
      `,
      objectives: [
        "Confirm the SQL injection manually and determine the database engine and injection type.",
        "Demonstrate impact in a controlled way, limited to proving access.",
        "Find the vulnerable code and fix it with parameterised queries and safe error handling.",
        "Add a regression test and retest the redeployed service.",
      ],
      successCriteria: [
        "A manual proof (boolean- or error-based) is shown in Burp Repeater before any automated tool is used.",
        "If sqlmap is used, its command line targets only the vulnerable parameter and uses none of --os-shell, --dump-all or --risk 3.",
        "The fix uses parameterised queries with no user input concatenated into SQL, and database errors no longer reach the client.",
        "The regression test fails on the old code and passes on the new code (both runs shown).",
        "After redeployment, the injection payloads no longer work and a search for O'Brien returns the right result.",
      ],
      difficulty: "INTERMEDIATE",
      tierRequired: "STARTER",
      isCapstone: false,
      estimatedMinutes: 150,
      prerequisites: ["off-broken-access-control"],
      skills: [
        { skill: "web-app-testing", weight: 0.7 },
        { skill: "secure-coding", weight: 0.7 },
        { skill: "reporting", weight: 0.2 },
      ],
      subtasks: [
        {
          title: "Confirm the injection by hand",
          instructions: md`
            Send a search request to **Burp Repeater** and compare responses:

            1. \`q=O'Brien\` → error? \`q=O''Brien\` (doubled quote) → normal results? That pair alone is
               strong evidence that your input lands inside a SQL string.
            2. Boolean test: compare \`q=zz' OR '1'='1' -- \` with \`q=zz' AND '1'='2' -- \`. Record status
               codes and response lengths.
            3. Identify the engine from error messages, or from functions that exist in only one
               engine (\`sqlite_version()\`, \`version()\`, \`@@version\`).
            4. Screenshot each step.
          `,
          evidenceRequired: true,
          evidenceKinds: ["screenshot"],
        },
        {
          title: "Prove impact, minimally",
          instructions: md`
            Prove that the injection reaches data beyond the directory, **without** extracting it.

            - Manually: use a \`UNION SELECT\` to return the number of rows in the \`users\` table and the
              names of its columns, nothing more.
            - Or with sqlmap, tightly scoped:
              ~~~bash
              sqlmap -u 'https://intranet.larkspur.lab.mxp.local/api/directory?q=test' -p q \
                --batch --technique=BU --current-user --count -T users
              ~~~

            Never use \`--dump\`, \`--dump-all\`, \`--os-shell\` or \`--risk 3\` here: they go beyond the
            proof the RoE allows. Attach the output.
          `,
          evidenceRequired: true,
          evidenceKinds: ["log", "screenshot"],
        },
        {
          title: "Find and fix the code",
          instructions: md`
            1. Clone the repository and find where queries are built: \`grep -rn "SELECT" src/\`.
            2. You will find something like:
               ~~~js
               const rows = await db.all(
                 \`SELECT name, clinic, extension FROM staff WHERE name LIKE '%\${q}%'\`
               );
               ~~~
            3. Replace string building with a parameterised query; the driver sends the value
               separately from the SQL text:
               ~~~js
               const rows = await db.all(
                 "SELECT name, clinic, extension FROM staff WHERE name LIKE ?",
                 ["%" + q + "%"],
               );
               ~~~
            4. Check the rest of the service for the same pattern, including \`ORDER BY\` columns
               (which cannot be parameters: use an allowlist).
            5. Make the error handler return a generic message and log the details server-side.

            Attach the diff.
          `,
          evidenceRequired: true,
          evidenceKinds: ["code"],
        },
        {
          title: "Add a regression test",
          instructions: md`
            1. Add tests to the service's suite asserting that:
               - a search for \`O'Brien\` returns exactly the seeded O'Brien entry;
               - a search for \`zz' OR '1'='1' -- \` returns no rows;
               - a database error produces a generic 500 body.
            2. Show the test **failing** on the old code (\`git stash\`, run \`npm test\`) and
               **passing** on the fix.
            3. Open a pull request with a description a developer would appreciate.
          `,
          evidenceRequired: true,
          evidenceKinds: ["code", "log"],
        },
        {
          title: "Retest and report",
          instructions: md`
            1. Press **Deploy** in the mission panel and wait for the new version to come up.
            2. Repeat your manual payloads from the first step; record the results.
            3. Write the finding: summary, CVSS, evidence, impact, root cause, the fix (link the pull
               request) and the retest result with date.
          `,
          evidenceRequired: true,
          evidenceKinds: ["report"],
        },
      ],
      rubric: [
        {
          key: "manual-proof",
          title: "Manual confirmation",
          description: "The injection is confirmed by reasoning about responses, before automation.",
          weight: 2,
          maxScore: 3,
          levels: levels(
            "No manual confirmation; a tool was run blind.",
            "An error is shown but not explained as injection.",
            "Quote-pair and boolean tests prove injection; the engine is identified.",
            "A clean, minimal proof that explains exactly where the input lands in the query.",
          ),
        },
        {
          key: "controlled-impact",
          title: "Controlled impact",
          description: "Impact is demonstrated without extracting data beyond the proof.",
          weight: 2,
          maxScore: 3,
          levels: levels(
            "Data was dumped, or forbidden options were used.",
            "Impact shown but with more access than needed.",
            "Impact proven with counts and metadata only.",
            "Impact proven minimally, and the report explains what an attacker could reach without doing it.",
          ),
        },
        {
          key: "fix-quality",
          title: "Quality of the fix",
          description: "The code fix removes the vulnerability class, not just the reported payload.",
          weight: 3,
          maxScore: 3,
          levels: levels(
            "No fix, or input filtering/escaping only.",
            "Parameterised query in one place; similar patterns or error leakage remain.",
            "All affected queries parameterised and errors no longer leak.",
            "Fix is complete and idiomatic, dynamic identifiers use allowlists, and the pull request explains the class of bug.",
          ),
        },
        {
          key: "regression-test",
          title: "Regression test",
          description: "Tests prove the fix and would catch a relapse.",
          weight: 2,
          maxScore: 3,
          levels: levels(
            "No test.",
            "A test exists but passes on the vulnerable code too.",
            "The test fails on old code and passes on new, with both runs shown.",
            "Tests cover legitimate apostrophes, injection payloads and error handling, and run in CI.",
          ),
        },
        {
          key: "retest-report",
          title: "Retest and report",
          description: "The deployed fix is verified and the finding is documented.",
          weight: 1,
          maxScore: 3,
          levels: levels(
            "No retest or report.",
            "The report omits the retest or the fix.",
            "A complete finding with retest results.",
            "A client-ready finding with clear before/after evidence and a dated retest.",
          ),
        },
      ],
      recipes: [
        {
          title: "OWASP SQL Injection Prevention Cheat Sheet",
          skill: "secure-coding",
          minutes: 25,
          url: "https://cheatsheetseries.owasp.org/cheatsheets/SQL_Injection_Prevention_Cheat_Sheet.html",
        },
        {
          title: "OWASP Query Parameterization Cheat Sheet",
          skill: "secure-coding",
          minutes: 20,
          url: "https://cheatsheetseries.owasp.org/cheatsheets/Query_Parameterization_Cheat_Sheet.html",
        },
        { title: "PortSwigger Web Security Academy: SQL injection", skill: "web-app-testing", minutes: 60, url: "https://portswigger.net/web-security/sql-injection" },
      ],
    },

    // ── 5 ────────────────────────────────────────────────────────────────────────────────────
    {
      slug: "off-foothold-to-root",
      title: "From Foothold to Root",
      summary:
        "In an assumed-breach test, start as a low-privileged user on Larkspur's lab-results server and find two independent, misconfiguration-based paths to root, then clean up and harden.",
      story: md`
        Larkspur's CISO wants to know what happens *after* a phishing email works. In this
        assumed-breach phase you receive SSH credentials for \`jthompson\`, a laboratory technician,
        on \`labsrv-02\` (10.10.20.42), the Ubuntu server that imports lab results from analysers
        every few minutes.

        The RoE is specific: find out whether a normal user can become root, but **no kernel
        exploits** (the server cannot be rebooted during clinic hours) and nothing that stops the
        import jobs. Each student's server holds a unique token in \`/root/proof.txt\`.

        The server has been administered by several people over the years, and it shows. There is
        more than one way up. Larkspur needs to close all of them, so find at least two independent
        paths, and leave the server exactly as you found it.
      `,
      objectives: [
        "Enumerate the host systematically for privilege-escalation vectors, by hand and with an enumeration script.",
        "Exploit at least two independent misconfigurations to gain root, without kernel exploits or service disruption.",
        "Capture proof, and clean up every artefact you created.",
        "Recommend a specific fix and a detection for each path, mapped to CIS Benchmark guidance where possible.",
      ],
      successCriteria: [
        "Enumeration notes show manual checks for sudo rights, SUID/SGID binaries, capabilities, cron jobs and systemd timers, writable files in privileged paths, and stored credentials.",
        "Two independent root paths are demonstrated, each with exact commands and the student's token from /root/proof.txt.",
        "A cleanup log lists every file created or changed and confirms its removal or restoration.",
        "Each path has a concrete fix (for example the corrected sudoers line or file mode) and a way to detect abuse.",
        "The lab-result import jobs kept running throughout (checked by the lab).",
      ],
      difficulty: "ADVANCED",
      tierRequired: "PREMIUM",
      isCapstone: false,
      estimatedMinutes: 240,
      prerequisites: ["off-injection-proven-patched"],
      skills: [
        { skill: "privilege-escalation", weight: 0.9 },
        { skill: "linux-hardening", weight: 0.5 },
        { skill: "reporting", weight: 0.3 },
      ],
      subtasks: [
        {
          title: "Enumerate by hand first",
          instructions: md`
            Log in (\`ssh jthompson@10.10.20.42\`) and work through the classics, saving output as you go
            (\`script -a enum.log\` records your whole session):

            ~~~bash
            id; hostname; uname -a; cat /etc/os-release
            sudo -l
            find / -perm -4000 -type f 2>/dev/null          # SUID binaries
            getcap -r / 2>/dev/null                          # file capabilities
            cat /etc/crontab; ls -la /etc/cron.*; systemctl list-timers --all
            find / -writable -type f -not -path '/proc/*' -not -path '/sys/*' 2>/dev/null \
              | grep -vE '^/(home|tmp|var/tmp|dev)/'
            grep -rIl --exclude-dir=proc -iE 'password|passwd|secret' /opt /etc /srv 2>/dev/null
            ~~~

            For every result, ask: *does something run this as root, and can I influence it?*
          `,
          evidenceRequired: true,
          evidenceKinds: ["log"],
        },
        {
          title: "Run an enumeration script and compare",
          instructions: md`
            1. Fetch linPEAS from the lab's tool mirror (the server has no internet access):
               \`curl -s https://tools.lab.mxp.local/linpeas.sh -o /tmp/lp.sh\`
            2. Run it and keep the output: \`sh /tmp/lp.sh | tee /tmp/lp.out\`.
            3. Compare with your manual list. What did the script find that you missed? What did
               you notice that the script buried in noise?
            4. Remember \`/tmp/lp.sh\` and \`/tmp/lp.out\` for your cleanup log.
          `,
          evidenceRequired: true,
          evidenceKinds: ["log"],
        },
        {
          title: "Root path one",
          instructions: md`
            1. Pick the most promising vector. For binaries allowed by \`sudo\` or carrying SUID or
               capabilities, look them up on GTFOBins.
            2. Exploit it with the least invasive method that works. Prefer reading
               \`/root/proof.txt\` or obtaining a root shell over changing system files.
            3. Record the exact commands, and a screenshot showing \`id\` as root and the token.
            4. Write down *why* it worked: which misconfiguration, who probably made it and why.
          `,
          evidenceRequired: true,
          evidenceKinds: ["screenshot", "log"],
        },
        {
          title: "Root path two",
          instructions: md`
            Find a path that does **not** depend on the first one (a different misconfiguration, not
            the same sudo rule used differently). Typical candidates on servers like this: a root
            cron job running a script you can write to, a service reading configuration from a
            writable location, or credentials for a privileged account left in a file.

            If you modify a script that root runs, back it up first
            (\`cp -p script script.bak\`), keep your change minimal, and restore it immediately after.
            Record commands, screenshot and explanation as before.
          `,
          evidenceRequired: true,
          evidenceKinds: ["screenshot", "log"],
        },
        {
          title: "Clean up and write hardening guidance",
          instructions: md`
            1. Remove everything you created and restore everything you changed; verify with
               \`ls -la\` and checksums (\`sha256sum script script.bak\` before restoring).
            2. Write a cleanup log: path, action, verified by.
            3. For each root path, write:
               - the fix (the corrected sudoers entry, file mode and owner, or credential rotation);
               - the relevant CIS Ubuntu Linux Benchmark recommendation where one exists;
               - a detection, for example an auditd rule such as \`-w /etc/sudoers -p wa -k sudoers\`,
                 or a watch on the script root runs.
          `,
          evidenceRequired: true,
          evidenceKinds: ["report"],
        },
      ],
      rubric: [
        {
          key: "enumeration",
          title: "Enumeration",
          description: "Privilege-escalation vectors are searched for systematically.",
          weight: 2,
          maxScore: 3,
          levels: levels(
            "No enumeration shown; jumped straight to an exploit.",
            "Only an automated script was run, without interpretation.",
            "Manual checks across all classic categories plus a compared script run.",
            "Systematic enumeration with each candidate triaged and dead ends explained.",
          ),
        },
        {
          key: "exploitation",
          title: "Root paths",
          description: "Two independent escalation paths are exploited and explained.",
          weight: 3,
          maxScore: 3,
          levels: levels(
            "No escalation to root.",
            "One path to root.",
            "Two independent paths with exact commands, proof tokens and explanations.",
            "Two or more paths, each exploited with the least invasive technique and a clear account of the underlying misconfiguration.",
          ),
        },
        {
          key: "safety-cleanup",
          title: "Safety and cleanup",
          description: "The host is left as found and the RoE constraints are respected.",
          weight: 2,
          maxScore: 3,
          levels: levels(
            "Kernel exploits used, jobs disrupted, or artefacts left behind.",
            "Some artefacts cleaned up, but the log is incomplete.",
            "Every artefact removed or restored, with a complete cleanup log.",
            "Backups before changes, minimal modifications and verified restoration throughout.",
          ),
        },
        {
          key: "hardening",
          title: "Hardening and detection",
          description: "Each path gets a concrete fix and a way to detect abuse.",
          weight: 2,
          maxScore: 3,
          levels: levels(
            "No recommendations.",
            "Generic advice ('apply least privilege').",
            "A concrete fix and a detection for each path.",
            "Fixes and detections are precise (exact config lines, audit rules) and mapped to CIS guidance.",
          ),
        },
      ],
      recipes: [
        { title: "GTFOBins: Unix binaries that can be abused to bypass restrictions", skill: "privilege-escalation", minutes: 30, url: "https://gtfobins.github.io/" },
        { title: "MITRE ATT&CK T1548.003: Sudo and Sudo Caching", skill: "privilege-escalation", minutes: 10, url: "https://attack.mitre.org/techniques/T1548/003/" },
        { title: "MITRE ATT&CK T1053.003: Scheduled Task/Job: Cron", skill: "privilege-escalation", minutes: 10, url: "https://attack.mitre.org/techniques/T1053/003/" },
        { title: "CIS Ubuntu Linux Benchmark", skill: "linux-hardening", minutes: 60, url: "https://www.cisecurity.org/benchmark/ubuntu_linux" },
      ],
    },

    // ── 6 · capstone ─────────────────────────────────────────────────────────────────────────
    {
      slug: "off-capstone-larkspur-engagement",
      title: "Capstone: The Larkspur Telehealth Engagement",
      summary:
        "Lead a full penetration test of Larkspur's new telehealth platform: plan it, chain findings to a canary patient record, and deliver a report the board and the developers can act on.",
      story: md`
        After a breach at a peer hospital made the news, Larkspur's board will not launch its new
        telehealth platform without an independent test. Kestrel has the contract, and Tomás is on
        leave: you are the lead tester. In scope: \`https://telehealth.larkspur.lab.mxp.local\` (web
        app and API), its scheduling microservice, and the supporting network 10.10.30.0/24.

        Kestrel's threat intelligence says attackers against healthcare rarely need one critical
        bug; they chain small ones: a permissive URL fetcher, a weakly signed token, a service
        password reused across systems. The platform's crown jewel is the patient records
        database. Larkspur has seeded a canary record, \`PATIENT-000-CANARY\`: reaching it is the
        proof of impact. **No other patient record may be read.**

        Your deliverables are a test plan approved before you start, evidence for every claim, and
        a report with an executive summary a board member can read in five minutes and findings a
        developer can fix from, plus a retest plan.
      `,
      objectives: [
        "Plan the engagement: threat model, test plan and time budget aligned with the rules of engagement.",
        "Test the web application and API against the OWASP WSTG areas most relevant to the threat model.",
        "Chain findings into an attack path that reaches the canary patient record, and explain each link.",
        "Rate findings with CVSS and business context, and write a client-grade report with an executive summary and remediation roadmap.",
        "Propose a retest plan that verifies each fix.",
      ],
      successCriteria: [
        "The test plan covers at least six OWASP WSTG categories with time allocations and is submitted before testing evidence.",
        "The attack chain to PATIENT-000-CANARY can be reproduced from the report alone, with request/response evidence for each step.",
        "At least five findings, each with a CVSS vector, business impact, affected assets, reproduction steps, remediation and references.",
        "The executive summary fits on one page, avoids jargon, and states the overall risk and the top three actions.",
        "Lab sensors show no out-of-scope hosts touched and no patient record other than the canary accessed.",
      ],
      difficulty: "ELITE",
      tierRequired: "PREMIUM",
      isCapstone: true,
      estimatedMinutes: 480,
      passThreshold: 75,
      prerequisites: ["off-foothold-to-root"],
      skills: [
        { skill: "web-app-testing", weight: 0.9 },
        { skill: "reporting", weight: 0.8 },
        { skill: "network-recon", weight: 0.4 },
        { skill: "privilege-escalation", weight: 0.4 },
        { skill: "threat-modeling", weight: 0.3 },
        { skill: "cryptography", weight: 0.2 },
      ],
      subtasks: [
        {
          title: "Threat model and test plan",
          instructions: md`
            1. Sketch the platform from its public documentation (in the mission panel): users,
               components, trust boundaries, data stores.
            2. List the threats that matter most for a telehealth platform (for example one patient
               reading another's records, a clinician account takeover, server-side request forgery
               into the internal network).
            3. Map them to OWASP WSTG categories and allocate your time (at least six categories).
            4. Confirm the RoE: scope, canary rule, rate limits, emergency contact.

            Submit this **first**; the reviewer checks that testing followed a plan.
          `,
          evidenceRequired: true,
          evidenceKinds: ["report"],
        },
        {
          title: "Recon and attack surface",
          instructions: md`
            1. Map 10.10.30.0/24 within the agreed rate:
               \`sudo nmap -sS -sV -p- --max-rate 200 10.10.30.0/24 -oA tele-net\`
            2. Discover web content without hammering the server:
               ~~~bash
               ffuf -u https://telehealth.larkspur.lab.mxp.local/FUZZ \
                 -w /usr/share/seclists/Discovery/Web-Content/common.txt \
                 -rate 50 -mc 200,204,301,302,307,401,403
               ~~~
            3. Read the JavaScript bundles for API routes, feature flags and internal host names.
            4. Build an attack-surface list: endpoints, roles, inputs that take URLs or files.
          `,
          evidenceRequired: true,
          evidenceKinds: ["log"],
        },
        {
          title: "Authentication and session testing",
          instructions: md`
            1. Decode the session JWT (header and payload are base64url). Note \`alg\`, \`kid\`, \`exp\`,
               and which claims carry roles.
            2. Test signature handling: is \`alg: none\` rejected? Is the token still accepted after
               changing a claim?
            3. If the token is HMAC-signed, test the secret's strength offline against the
               engagement wordlist only:
               \`hashcat -m 16500 jwt.txt /missions/capstone/wordlist.txt\`
            4. Check logout, session expiry and the password-reset flow.

            Attach request/response evidence for every issue.
          `,
          evidenceRequired: true,
          evidenceKinds: ["screenshot", "log"],
        },
        {
          title: "Server-side request forgery and the internal pivot",
          instructions: md`
            The platform can import an appointment from a calendar URL.

            1. Point it at your personal catcher, \`https://catch.lab.mxp.local/<your-handle>\`, and
               check what the server sends (source IP, headers).
            2. Test whether it fetches internal addresses in 10.10.30.0/24 and which URL schemes and
               redirects it follows.
            3. Use what the internal services reveal (configuration, credentials) to move towards the
               records service. Stay within 10.10.30.0/24 and do not scan through the SSRF faster than
               one request per second.
            4. Record every step as a request/response pair.
          `,
          evidenceRequired: true,
          evidenceKinds: ["screenshot", "log"],
        },
        {
          title: "Reach the crown jewel, safely",
          instructions: md`
            1. Use your chain to retrieve **only** \`PATIENT-000-CANARY\`. Query it by its identifier;
               never list or search records.
            2. Record the canary token it contains.
            3. Write the chain as numbered steps, each naming the finding it relies on, so that fixing
               any one finding visibly breaks the chain.
          `,
          evidenceRequired: true,
          evidenceKinds: ["screenshot", "report"],
        },
        {
          title: "Report and retest plan",
          instructions: md`
            Deliver one report with:

            1. **Executive summary** (one page): overall risk, what an attacker could do, top three
               actions, in plain language.
            2. **Attack narrative**: the chain to the canary, step by step.
            3. **Findings** (at least five): title, CVSS vector and score, business impact, affected
               assets, reproduction, evidence, remediation, references.
            4. **Remediation roadmap**: what to fix before launch, within 30 days, within 90 days.
            5. **Retest plan**: for each finding, how Kestrel will verify the fix.
            6. **Appendix**: scope, dates, tools, and a statement of what was not tested.
          `,
          evidenceRequired: true,
          evidenceKinds: ["report"],
        },
      ],
      rubric: [
        {
          key: "methodology",
          title: "Planning and methodology",
          description: "Testing follows a threat-driven plan that covers the relevant WSTG areas.",
          weight: 2,
          maxScore: 3,
          levels: levels(
            "No plan; testing was ad hoc.",
            "A plan exists but is generic or was not followed.",
            "A threat-driven plan covering six or more WSTG categories, followed and time-boxed.",
            "The plan is sharp, adapted during testing for good reasons, and records coverage and gaps honestly.",
          ),
        },
        {
          key: "attack-chain",
          title: "Attack chain to the canary",
          description: "Findings are chained to the crown jewel and each link is proven.",
          weight: 3,
          maxScore: 3,
          levels: levels(
            "The canary was not reached and no partial chain is shown.",
            "A partial chain with gaps in evidence.",
            "The canary is reached with a reproducible, fully evidenced chain.",
            "The chain is elegant and minimal, and the report shows which single fix breaks it most cheaply.",
          ),
        },
        {
          key: "findings-quality",
          title: "Quality of findings",
          description: "Findings are accurate, scored soundly and fixable from the report.",
          weight: 3,
          maxScore: 3,
          levels: levels(
            "Fewer than two findings, or findings that are wrong.",
            "Findings lack reproduction steps, scoring or remediation.",
            "Five or more complete findings with justified CVSS and actionable remediation.",
            "Findings are precise, de-duplicated by root cause, and remediation includes code- or config-level guidance.",
          ),
        },
        {
          key: "executive-communication",
          title: "Executive communication",
          description: "The board can understand the risk and the decisions needed.",
          weight: 2,
          maxScore: 3,
          levels: levels(
            "No executive summary.",
            "The summary is technical or longer than a page.",
            "A one-page, plain-language summary with overall risk and top actions.",
            "A summary a board would act on, with risk framed in patient, regulatory and launch terms.",
          ),
        },
        {
          key: "rules-of-engagement",
          title: "Rules of engagement",
          description: "Scope, canary rule and rate limits were respected throughout.",
          weight: 2,
          maxScore: 3,
          levels: levels(
            "Out-of-scope hosts or non-canary records were accessed.",
            "In scope, but rate limits were exceeded or testing was needlessly noisy.",
            "Scope, canary rule and rate limits respected throughout.",
            "Exemplary conduct, with testing activity logged well enough to answer any client question about it.",
          ),
        },
      ],
      recipes: [
        { title: "OWASP Web Security Testing Guide", skill: "web-app-testing", minutes: 60, url: "https://owasp.org/www-project-web-security-testing-guide/" },
        { title: "PortSwigger Web Security Academy: Server-side request forgery", skill: "web-app-testing", minutes: 45, url: "https://portswigger.net/web-security/ssrf" },
        {
          title: "OWASP JSON Web Token Cheat Sheet",
          skill: "cryptography",
          minutes: 25,
          url: "https://cheatsheetseries.owasp.org/cheatsheets/JSON_Web_Token_for_Java_Cheat_Sheet.html",
        },
        { title: "FIRST CVSS v4.0 Specification", skill: "reporting", minutes: 30, url: "https://www.first.org/cvss/v4.0/specification-document" },
      ],
    },
  ],
};
