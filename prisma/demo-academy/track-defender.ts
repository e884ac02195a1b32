import { levels, md } from "./authoring";
import type { TrackSeed } from "./types";

/**
 * Defensive operations: a year in the SOC of Harbourline Logistics, a (fictional) container
 * logistics company. Every system named here is an academy lab target under lab.mxp.local.
 */
export const defenderTrack: TrackSeed = {
  slug: "defender-ops",
  title: "Defensive Operations: SOC & Blue Team",
  summary: "Join Harbourline Logistics' security operations centre: triage logs, read packets, write detections, hunt a quiet intruder and lead a ransomware response.",
  description: md`
    Harbourline Logistics moves containers through terminals in Felixstowe, Rotterdam and
    Gdańsk. Its small security operations centre (SOC) watches everything from the SSH jump host
    to the cranes' scheduling system, and you have just joined the night shift.

    The track follows one intrusion from the first odd log line to a full incident: you start by
    answering precise questions from raw logs and packet captures, reconstruct a phishing
    infection from endpoint telemetry, turn what you learned into tested Sigma detections, hunt
    for an operator who never tripped an alert, and finally lead the response when ransomware
    stops the port.

    All data comes from the academy's lab (\`lab.mxp.local\`): replays of realistic attacks against
    lab hosts. Nothing you analyse belongs to a real organisation, and nothing needs to leave the
    lab.
  `,
  missions: [
    // ── 1 ────────────────────────────────────────────────────────────────────────────────────
    {
      slug: "def-first-shift-auth-log",
      title: "First Shift: Reading the Jump Host's Auth Log",
      summary: "Triage a night of SSH authentication logs from Harbourline's bastion host and decide, with numbers, whether anyone got in.",
      story: md`
        It is your first week on the Harbourline Logistics SOC night shift. Harbourline's engineers
        reach the terminal operating systems through a single SSH jump host, \`bastion-01\`, and at
        06:10 the monitoring system posts a terse alert to the SOC channel: *authentication failures
        on bastion-01 up 4,000% overnight*.

        Your shift lead, Priya Okafor, hands you a copy of \`/var/log/auth.log\` from the host and asks
        the only question that matters right now: **was this just background noise from the
        internet, or did someone actually log in?** She wants a short triage note before the 07:00
        handover, "with numbers, not adjectives".

        The log is in your lab workspace at \`lab.mxp.local:/missions/first-shift/auth.log\`. It is a
        replay of a real-shaped attack against a lab host, so take your time and show your working:
        the day shift will repeat every command you write down.
      `,
      objectives: [
        "Count failed and successful SSH authentications per source IP and per username.",
        "Tell a brute-force attack from password spraying using the shape of the data.",
        "Determine whether any source logged in successfully after repeated failures, and what that session did.",
        "Write a one-page triage note with a clear verdict and proportionate next steps.",
      ],
      successCriteria: [
        "The triage note states a verdict (background noise, suspicious, or confirmed compromise) backed by at least three numbers taken from the log.",
        "The top five source IPs by failed attempts are listed with counts that match the log exactly.",
        "Every successful login that followed failures from the same source is listed with timestamp, username, source IP and authentication method.",
        "Every number in the note can be reproduced from a command included in the appendix.",
      ],
      difficulty: "NOVICE",
      tierRequired: "FREE",
      isCapstone: false,
      estimatedMinutes: 45,
      prerequisites: [],
      skills: [
        { skill: "log-analysis", weight: 0.8 },
        { skill: "incident-response", weight: 0.3 },
        { skill: "reporting", weight: 0.3 },
      ],
      subtasks: [
        {
          title: "Get oriented in the log",
          instructions: md`
            1. Copy the log into your workspace:
               \`scp student@lab.mxp.local:/missions/first-shift/auth.log .\`
            2. Use \`head -3 auth.log\` and \`tail -3 auth.log\` to learn the time range it covers.
            3. List the kinds of messages \`sshd\` wrote, most frequent first:
               ~~~bash
               grep -oE 'sshd\[[0-9]+\]: [A-Za-z ]+' auth.log | sed -E 's/.*\]: //' | sort | uniq -c | sort -rn
               ~~~
            4. Write down which messages mean failure (\`Failed password\`, \`Invalid user\`) and which
               mean success (\`Accepted password\`, \`Accepted publickey\`).

            > sshd logs one line per attempt, and the number in \`sshd[1234]\` is the process ID of that
            > connection. You will use it later to follow a single session.
          `,
          evidenceRequired: false,
          evidenceKinds: [],
        },
        {
          title: "Count failures by source and by user",
          instructions: md`
            1. Top source IPs by failed password attempts:
               ~~~bash
               grep 'Failed password' auth.log | grep -oE 'from [0-9.]+' | awk '{print $2}' \
                 | sort | uniq -c | sort -rn | head -5
               ~~~
            2. Top usernames tried (valid and invalid):
               ~~~bash
               grep 'Failed password' auth.log \
                 | sed -E 's/.*Failed password for (invalid user )?([^ ]+) from.*/\2/' \
                 | sort | uniq -c | sort -rn | head -10
               ~~~
            3. For the busiest IP, find the first and last attempt:
               \`grep 'Failed password' auth.log | grep 'from 198.51.100.23 ' | sed -n '1p;$p'\`
               (replace the IP with yours).
            4. Decide for the top sources: many passwords against few users (**brute force**) or few
               attempts against many users (**password spraying**)? Count distinct users per IP to
               support your answer.

            Save the outputs in \`failures.txt\` and attach it.
          `,
          evidenceRequired: true,
          evidenceKinds: ["log", "screenshot"],
        },
        {
          title: "Look for a success after failure",
          instructions: md`
            1. List every successful login: \`grep 'Accepted' auth.log\`.
            2. For each source IP that succeeded, count how often it failed before:
               ~~~bash
               for ip in $(grep 'Accepted' auth.log | grep -oE 'from [0-9.]+' | awk '{print $2}' | sort -u); do
                 echo "$ip failures=$(grep 'Failed password' auth.log | grep -c "from $ip ")"
               done
               ~~~
            3. For any suspicious success, follow that session by its process ID, e.g.
               \`grep 'sshd\[4711\]' auth.log\`, then look for what the account did next
               (\`session opened\`, \`sudo:\` lines, the session's end).
            4. Note the timestamp, username, source IP and method (password or public key) of each
               suspicious success. A key-based login from an engineer's usual address is not the same
               finding as a password login from a scanner's address.
          `,
          evidenceRequired: true,
          evidenceKinds: ["log"],
        },
        {
          title: "Write the triage note",
          instructions: md`
            Write at most one page, in this order:

            1. **Verdict**: background noise, suspicious, or confirmed compromise, in one sentence.
            2. **Key facts**: the numbers that support the verdict (attempts, sources, time window,
               accounts targeted, successes).
            3. **Timeline**: the few events that matter, in UTC.
            4. **Affected accounts and hosts**.
            5. **Recommended next steps**: what to do now (for example disable or reset an account,
               block a source, preserve the host's logs) and what to improve later (key-only
               authentication, MFA on the bastion, rate limiting with \`fail2ban\`).
            6. **Appendix**: every command you ran, in order.

            Attach it as a PDF or markdown file.
          `,
          evidenceRequired: true,
          evidenceKinds: ["report"],
        },
      ],
      rubric: [
        {
          key: "accuracy",
          title: "Counts and findings are accurate",
          description: "The numbers, IPs, usernames and timestamps in the note match the log.",
          weight: 3,
          maxScore: 3,
          levels: levels(
            "No counts are given, or they cannot be related to the log.",
            "Some counts are right, but the top sources or the successful login are wrong or missing.",
            "Top sources, usernames and the successful login are correct, with minor slips in totals or times.",
            "Every number and timestamp matches the log, and the brute-force versus spraying call is backed by distinct-user counts.",
          ),
        },
        {
          key: "verdict",
          title: "The verdict is justified",
          description: "The note reaches a clear conclusion that follows from the evidence.",
          weight: 2,
          maxScore: 3,
          levels: levels(
            "There is no verdict, or it contradicts the evidence.",
            "A verdict is given but rests on impressions ('lots of attempts') rather than facts.",
            "The verdict follows from the facts and addresses whether anyone logged in.",
            "The verdict is precise about confidence and scope, and says what evidence would change it.",
          ),
        },
        {
          key: "next-steps",
          title: "Next steps are actionable and proportionate",
          description: "Recommendations fit the verdict and say who should do what.",
          weight: 2,
          maxScore: 3,
          levels: levels(
            "No recommendations.",
            "Generic advice ('improve security') or actions out of proportion to the finding.",
            "Concrete immediate actions and at least one longer-term fix that fit the verdict.",
            "Actions are ordered, owned and time-bound, and preserve evidence before changing the host.",
          ),
        },
        {
          key: "reproducibility",
          title: "The working can be reproduced",
          description: "Another analyst can rerun the commands and get the same numbers.",
          weight: 1,
          maxScore: 3,
          levels: levels(
            "No commands are included.",
            "Some commands are included, but key numbers cannot be reproduced from them.",
            "Every number in the note comes from an included command.",
            "Commands are ordered, commented and robust (for example they tell valid from invalid users correctly).",
          ),
        },
      ],
      recipes: [
        { title: "MITRE ATT&CK T1110: Brute Force (and its sub-techniques)", skill: "log-analysis", minutes: 15, url: "https://attack.mitre.org/techniques/T1110/" },
        {
          title: "GNU coreutils: sort and uniq for counting",
          skill: "log-analysis",
          minutes: 15,
          url: "https://www.gnu.org/software/coreutils/manual/html_node/uniq-invocation.html",
        },
        { title: "NIST SP 800-92: Guide to Computer Security Log Management", skill: "log-analysis", minutes: 40, url: "https://csrc.nist.gov/pubs/sp/800/92/final" },
      ],
    },

    // ── 2 ────────────────────────────────────────────────────────────────────────────────────
    {
      slug: "def-beacon-at-three-am",
      title: "Beaconing at 03:00",
      summary:
        "A Felixstowe office workstation talks to the internet every minute while nobody is at work. Use Zeek and Wireshark to separate a real beacon from a chatty updater.",
      story: md`
        Harbourline's network sensor on the Felixstowe terminal office VLAN raised a low-confidence
        alert overnight: workstation \`FXT-WS-114\` (10.20.14.114) started contacting the internet at a
        steady rhythm at 03:00, hours before anyone arrived. The office runs label-printer management
        software that is known to phone home, and the day shift is tired of false alarms about it.

        Priya asks you to settle it before the morning meeting. You have a 40-minute capture from the
        sensor (\`night-shift.pcap\`) and the Zeek logs for the same window in
        \`lab.mxp.local:/missions/beacon/\`. There are **two** periodic conversations in the data; one
        is the printer software, the other is not.

        The result should be a classification of both flows you can defend, the indicators the
        team needs to block and hunt with, and a Wireshark filter the next analyst can reuse.
      `,
      objectives: [
        "Use Zeek's conn.log and dns.log to find periodic connections from FXT-WS-114.",
        "Measure the interval and jitter of each candidate beacon.",
        "Inspect the sessions in Wireshark (host, URI, User-Agent, request sizes) and classify each periodic flow.",
        "Produce defanged indicators and a recommendation for the morning meeting.",
      ],
      successCriteria: [
        "Both periodic flows are found and correctly classified, each with at least two reasons drawn from the data.",
        "The interval of each flow is stated as mean, minimum and maximum in seconds, computed from timestamps.",
        "At least five indicators (for example domain, resolved IP, URI path, User-Agent, request size pattern) are listed, defanged.",
        "A Wireshark display filter that isolates exactly the malicious sessions is given and works on the supplied capture.",
      ],
      difficulty: "BEGINNER",
      tierRequired: "FREE",
      isCapstone: false,
      estimatedMinutes: 75,
      prerequisites: ["def-first-shift-auth-log"],
      skills: [
        { skill: "packet-analysis", weight: 0.8 },
        { skill: "threat-hunting", weight: 0.4 },
        { skill: "log-analysis", weight: 0.3 },
      ],
      subtasks: [
        {
          title: "Load the evidence",
          instructions: md`
            1. Copy \`night-shift.pcap\` and the \`zeek/\` folder from \`lab.mxp.local:/missions/beacon/\`.
            2. Open the capture in Wireshark and go to **Statistics → Conversations → IPv4**. Sort by
               packets and note the conversations that involve 10.20.14.114.
            3. Optional: regenerate the Zeek logs yourself with \`zeek -C -r night-shift.pcap\` and
               compare them with the supplied ones.
          `,
          evidenceRequired: false,
          evidenceKinds: [],
        },
        {
          title: "Find periodic connections with Zeek",
          instructions: md`
            1. Extract the workstation's connections:
               ~~~bash
               zeek-cut ts id.orig_h id.resp_h id.resp_p proto service duration orig_bytes resp_bytes \
                 < zeek/conn.log | awk '$2 == "10.20.14.114"' > ws114.tsv
               awk '{print $3 ":" $4}' ws114.tsv | sort | uniq -c | sort -rn | head
               ~~~
            2. For each frequent destination, compute the gaps between consecutive connections:
               ~~~bash
               awk '$3 == "203.0.113.77" { if (prev) printf "%.1f\n", $1 - prev; prev = $1 }' ws114.tsv \
                 | sort -n | uniq -c
               ~~~
            3. Record for each candidate: number of connections, mean interval, minimum and maximum
               interval, and typical \`orig_bytes\`/\`resp_bytes\`. A perfectly fixed interval and a
               deliberately jittered one tell different stories.

            Attach \`ws114.tsv\` and your interval calculations.
          `,
          evidenceRequired: true,
          evidenceKinds: ["log"],
        },
        {
          title: "Put names to the addresses",
          instructions: md`
            1. Find what the workstation resolved:
               \`zeek-cut ts query answers < zeek/dns.log | grep -v '^#' | sort -k2 | uniq -f1 -c\`
            2. Match each periodic destination IP to its domain.
            3. Check each domain with the lab's registry mirror:
               \`whois -h whois.lab.mxp.local <domain>\`. Note its creation date and registrar.
            4. Compare with \`lab.mxp.local:/missions/beacon/vendors.md\`, Harbourline's list of approved
               software and the update endpoints each product uses.
          `,
          evidenceRequired: false,
          evidenceKinds: [],
        },
        {
          title: "Inspect the sessions in Wireshark",
          instructions: md`
            1. Apply \`ip.addr == 10.20.14.114 && http.request\` and look at the requests of both
               periodic flows.
            2. Right-click a request → **Follow → HTTP Stream**. Record the Host, method, URI,
               User-Agent, Content-Length and what the body looks like (plain text, JSON, base64?).
            3. Build a display filter that shows only the malicious sessions, for example by host
               name or URI, and check that it hides the printer traffic completely.
            4. **File → Export Specified Packets** with that filter to \`beacon-only.pcap\`.
            5. Take a screenshot of the filter applied, with the packet list visible.
          `,
          evidenceRequired: true,
          evidenceKinds: ["screenshot", "pcap"],
        },
        {
          title: "Write up indicators and a recommendation",
          instructions: md`
            1. Classify both flows (benign or malicious) and give your reasons: interval behaviour,
               domain age, vendor list, request content, time of day.
            2. List the indicators in a table, defanged (\`hxxp://\`, \`example[.]net\`).
            3. Include your display filter and Zeek commands.
            4. Recommend next steps: who should isolate the workstation, what to block at the proxy,
               and what the team should look at next (where did this infection come from?).
          `,
          evidenceRequired: true,
          evidenceKinds: ["report"],
        },
      ],
      rubric: [
        {
          key: "classification",
          title: "Flows are classified correctly",
          description: "The malicious beacon is separated from the benign periodic traffic, with reasons.",
          weight: 3,
          maxScore: 3,
          levels: levels(
            "No classification, or the printer updater is reported as the threat.",
            "The beacon is identified but the reasoning is thin or the benign flow is not addressed.",
            "Both flows are classified correctly with reasons drawn from the data.",
            "Both are classified with several independent lines of evidence, and the write-up explains what would make the call wrong.",
          ),
        },
        {
          key: "timing-analysis",
          title: "Interval and jitter are measured",
          description: "The periodicity of each flow is quantified from timestamps.",
          weight: 2,
          maxScore: 3,
          levels: levels(
            "No timing analysis.",
            "Intervals are estimated by eye ('about a minute').",
            "Mean, minimum and maximum intervals are computed for both flows.",
            "Timing is computed reproducibly and used to explain jitter as a deliberate evasion technique.",
          ),
        },
        {
          key: "indicators",
          title: "Indicators are useful and safe",
          description: "Indicators are complete, precise and defanged.",
          weight: 2,
          maxScore: 3,
          levels: levels(
            "No indicators.",
            "One or two indicators, or live (clickable) URLs.",
            "Five or more correct, defanged indicators.",
            "Indicators are grouped by how durable they are (IP, domain, URI pattern, behaviour), with a note on which to hunt with.",
          ),
        },
        {
          key: "packet-evidence",
          title: "Packet evidence and filter",
          description: "The Wireshark work supports the conclusion and the filter is reusable.",
          weight: 2,
          maxScore: 3,
          levels: levels(
            "No packet-level evidence.",
            "A screenshot is included, but the filter also matches benign traffic or misses sessions.",
            "The filter isolates the malicious sessions and the exported capture contains only them.",
            "The filter is precise and robust, and the HTTP details (URI, User-Agent, body encoding) are documented.",
          ),
        },
      ],
      recipes: [
        {
          title: "Wireshark User's Guide: Building display filter expressions",
          skill: "packet-analysis",
          minutes: 20,
          url: "https://www.wireshark.org/docs/wsug_html_chunked/ChWorkBuildDisplayFilterSection.html",
        },
        { title: "Zeek documentation: conn.log", skill: "packet-analysis", minutes: 25, url: "https://docs.zeek.org/en/master/logs/conn.html" },
        { title: "MITRE ATT&CK T1071.001: Application Layer Protocol, Web Protocols", skill: "threat-hunting", minutes: 15, url: "https://attack.mitre.org/techniques/T1071/001/" },
      ],
    },

    // ── 3 ────────────────────────────────────────────────────────────────────────────────────
    {
      slug: "def-phish-to-powershell",
      title: "From Phish to PowerShell",
      summary: "Reconstruct how the beaconing workstation was infected, from a spreadsheet attachment to encoded PowerShell and a Run key, using Sysmon in the lab SIEM.",
      story: md`
        The beacon traced back to \`FXT-WS-114\`, the workstation of Dana Whitlock in accounts
        payable. The mail gateway shows that two days earlier Dana received *"Q3 demurrage invoice,
        OVERDUE"* from \`billing@harbourline-logistlcs.com\` (note the *l* where an *i* should be), with
        an \`.xlsm\` attachment. She remembers enabling "content" because the invoice looked blank.

        Sysmon and Windows Security logs from the workstation were shipped to the lab SIEM at
        \`https://siem.lab.mxp.local\` (index \`harbourline-ws114-*\`). Priya needs the full story
        before the workstation is reimaged: which process started which, what the PowerShell
        actually ran, how it survives a reboot, and when it first called home.

        Your timeline will feed the incident ticket, the phishing awareness team and, next
        mission, the detection engineers, so precision matters more than speed.
      `,
      objectives: [
        "Reconstruct the process tree from Excel to PowerShell using Sysmon Event ID 1.",
        "Decode the obfuscated PowerShell command and identify the second-stage download.",
        "Identify persistence and network activity created by the payload (Sysmon Event IDs 3, 11 and 13).",
        "Build a timestamped timeline and map each step to MITRE ATT&CK.",
      ],
      successCriteria: [
        "The timeline contains at least eight timestamped events from email delivery to the first beacon, each citing its log source and event ID.",
        "The fully decoded PowerShell is included, with the second-stage URL defanged.",
        "The persistence mechanism is identified precisely: registry key and value name (or task name) and the command it runs.",
        "Each step is mapped to an ATT&CK technique ID with a one-line justification.",
      ],
      difficulty: "INTERMEDIATE",
      tierRequired: "STARTER",
      isCapstone: false,
      estimatedMinutes: 120,
      prerequisites: ["def-beacon-at-three-am"],
      skills: [
        { skill: "log-analysis", weight: 0.7 },
        { skill: "incident-response", weight: 0.5 },
        { skill: "threat-hunting", weight: 0.3 },
        { skill: "malware-triage", weight: 0.2 },
      ],
      subtasks: [
        {
          title: "Find patient zero's process tree",
          instructions: md`
            1. Sign in to \`https://siem.lab.mxp.local\` with the credentials in the mission panel and
               open the \`harbourline-ws114-*\` index.
            2. Find processes started by Excel:
               \`event.code:1 and process.parent.name:"EXCEL.EXE"\`
            3. Follow the chain down by pivoting on the process GUID: search for events whose
               \`process.parent.entity_id\` equals the child's \`process.entity_id\`, until there are no
               more children.
            4. For each process record the time, image path, command line, user and parent.
            5. Screenshot the query results that show the chain.
          `,
          evidenceRequired: true,
          evidenceKinds: ["screenshot"],
        },
        {
          title: "Decode the PowerShell",
          instructions: md`
            PowerShell's \`-EncodedCommand\` (\`-enc\`, \`-e\`) takes **base64 of UTF-16LE** text.

            1. Copy the encoded blob from the command line.
            2. Decode it in the lab's CyberChef (\`https://cyberchef.lab.mxp.local\`) with
               *From Base64* → *Decode text (UTF-16LE)*, or in a shell:
               ~~~bash
               echo 'SQBFAFgAIAAoA...' | base64 -d | iconv -f UTF-16LE -t UTF-8
               ~~~
            3. Keep peeling: the result may contain another layer (string concatenation, \`-join\`,
               \`[char]\` codes, gzip). Write down every layer.
            4. Never run the decoded script, not even in the lab.
            5. Record the second-stage URL (defanged), where the payload is written on disk and how
               it is started.
          `,
          evidenceRequired: true,
          evidenceKinds: ["code"],
        },
        {
          title: "Follow persistence and network activity",
          instructions: md`
            1. Files written by the chain: \`event.code:11 and process.name:"powershell.exe"\`.
            2. Registry persistence: \`event.code:13 and registry.path:*CurrentVersion\\Run*\`. Record the
               key, value name and data.
            3. Network connections made by the payload: \`event.code:3 and process.executable:*AppData*\`.
               Do the destination and timing match the beacon you found in the previous mission?
            4. Check Windows Security logs for anything the payload did with privileges
               (\`event.code:4688\` or \`4698\` if a scheduled task was created).

            Export the relevant events as CSV and attach them.
          `,
          evidenceRequired: true,
          evidenceKinds: ["log"],
        },
        {
          title: "Build the timeline and ATT&CK mapping",
          instructions: md`
            Create a table with these columns:

            | UTC time | Host | Source (log, event ID) | What happened | ATT&CK technique |
            | --- | --- | --- | --- | --- |

            Start at email delivery (mail gateway log in \`/missions/phish/maillog.csv\`) and end at the
            first beacon. Expect techniques such as T1566.001, T1204.002, T1059.001, T1027, T1105,
            T1547.001 and T1071.001, but only list those the evidence supports.
          `,
          evidenceRequired: true,
          evidenceKinds: ["report"],
        },
        {
          title: "Recommend containment and hardening",
          instructions: md`
            Add a short section to your report:

            1. **Now**: three containment actions for this workstation and account, in order.
            2. **Soon**: three hardening changes that would have broken this chain, for example
               blocking macros in files from the internet, Attack Surface Reduction rules that stop
               Office from creating child processes, PowerShell Script Block Logging, and monitoring
               for look-alike domains.
            3. Say which log would have shown each step earlier if someone had been watching it.
          `,
          evidenceRequired: false,
          evidenceKinds: [],
        },
      ],
      rubric: [
        {
          key: "process-chain",
          title: "Process chain is reconstructed",
          description: "Parent-child relationships from Excel to the payload are correct and complete.",
          weight: 3,
          maxScore: 3,
          levels: levels(
            "No process chain.",
            "Some processes are listed, but links are guessed or steps are missing.",
            "The full chain is correct, with command lines and times.",
            "The chain is complete and proven by process GUIDs, including short-lived helper processes.",
          ),
        },
        {
          key: "decoding",
          title: "PowerShell is decoded",
          description: "All obfuscation layers are removed and the behaviour is explained.",
          weight: 2,
          maxScore: 3,
          levels: levels(
            "The command is not decoded.",
            "The first layer is decoded, but later layers or the URL are missing.",
            "All layers are decoded and the second stage, drop path and execution are identified.",
            "All layers are decoded reproducibly, and each obfuscation trick is named and explained.",
          ),
        },
        {
          key: "timeline",
          title: "Timeline is complete and sourced",
          description: "The timeline runs from delivery to beacon, with each event tied to evidence.",
          weight: 3,
          maxScore: 3,
          levels: levels(
            "No timeline.",
            "Fewer than eight events, or events without sources.",
            "Eight or more correct, sourced events from delivery to beacon.",
            "A precise, sourced timeline that also notes gaps in visibility and time-zone normalisation.",
          ),
        },
        {
          key: "attack-mapping",
          title: "ATT&CK mapping",
          description: "Techniques are mapped accurately to the evidence.",
          weight: 1,
          maxScore: 3,
          levels: levels(
            "No mapping.",
            "Techniques are listed without tying them to events, or several are wrong.",
            "Each step is mapped to a correct technique with a justification.",
            "Mapping is precise to sub-technique and distinguishes what is proven from what is likely.",
          ),
        },
        {
          key: "recommendations",
          title: "Containment and hardening advice",
          description: "Recommendations follow from the chain and would have broken it.",
          weight: 1,
          maxScore: 3,
          levels: levels(
            "No recommendations.",
            "Generic advice not tied to this chain.",
            "Ordered containment actions and hardening tied to specific steps of the chain.",
            "Advice is prioritised by effort and impact, and names the telemetry that would have caught each step.",
          ),
        },
      ],
      recipes: [
        { title: "MITRE ATT&CK T1059.001: PowerShell", skill: "threat-hunting", minutes: 15, url: "https://attack.mitre.org/techniques/T1059/001/" },
        {
          title: "Sysmon: event types and configuration (Microsoft Learn)",
          skill: "log-analysis",
          minutes: 30,
          url: "https://learn.microsoft.com/en-us/sysinternals/downloads/sysmon",
        },
        { title: "MITRE ATT&CK T1566.001: Spearphishing Attachment", skill: "incident-response", minutes: 10, url: "https://attack.mitre.org/techniques/T1566/001/" },
      ],
    },

    // ── 4 ────────────────────────────────────────────────────────────────────────────────────
    {
      slug: "def-sigma-detections",
      title: "Detections That Stay Green",
      summary:
        "Turn the phishing chain into behaviour-based Sigma rules, test them against attack replays and a week of normal activity, and tune them until the on-call analyst trusts them.",
      story: md`
        The post-incident review was uncomfortable: Harbourline's SIEM raised **nothing** at any step
        of the phishing chain. The proxy team has blocked the domain, but Marcus Adeyemi, head of
        security operations, is unimpressed: "The domain will be different tomorrow. I want to
        catch the *behaviour*."

        You have two datasets in the lab SIEM. \`attack-replay\` holds the original incident plus two
        variants from a purple-team exercise (different document type, different persistence).
        \`baseline-week\` holds a week of ordinary activity from 40 workstations, including IT's
        legitimate PowerShell administration scripts, which have made previous rules unbearable.

        Your rules must catch all three variants, stay quiet on the baseline, and come with enough
        explanation that a tired analyst at 03:00 knows what to do when one fires.
      `,
      objectives: [
        "Write at least three behaviour-based Sigma rules covering different steps of the attack chain.",
        "Convert the rules with sigma-cli and run them against the attack and baseline datasets.",
        "Measure true and false positives and tune the rules without losing coverage.",
        "Document each rule with ATT&CK tags, triage guidance and known false positives.",
      ],
      successCriteria: [
        "At least three Sigma rules pass `sigma check` without errors.",
        "Together the rules detect all three attack variants in attack-replay (query results attached).",
        "Each rule fires no more than five times on baseline-week, or each extra alert is explained.",
        "Every rule has title, id, status, description, references, tags (with ATT&CK IDs), falsepositives and level filled in.",
      ],
      difficulty: "INTERMEDIATE",
      tierRequired: "STARTER",
      isCapstone: false,
      estimatedMinutes: 150,
      prerequisites: ["def-phish-to-powershell"],
      skills: [
        { skill: "detection-engineering", weight: 0.9 },
        { skill: "log-analysis", weight: 0.4 },
        { skill: "threat-hunting", weight: 0.2 },
      ],
      subtasks: [
        {
          title: "Choose behaviours, not indicators",
          instructions: md`
            From your timeline in *From Phish to PowerShell*, list candidate behaviours and the log
            source that shows each. Avoid hashes, IPs and domains: they change daily. Good candidates:

            - an Office application starting a script interpreter (\`powershell.exe\`, \`wscript.exe\`,
              \`mshta.exe\`, \`cmd.exe\`);
            - PowerShell with an encoded command **and** a download cradle;
            - a Run key value pointing into a user-writable folder (\`AppData\`, \`Temp\`);
            - a process from a user-writable folder making outbound network connections.

            For each, write which fields you need and which legitimate software might do the same.
          `,
          evidenceRequired: false,
          evidenceKinds: [],
        },
        {
          title: "Write the Sigma rules",
          instructions: md`
            1. Create one file per rule in \`rules/\`. Start from this skeleton:
               ~~~yaml
               title: Office Application Spawns Script Interpreter
               id: 00000000-0000-0000-0000-000000000000   # generate with uuidgen
               status: experimental
               description: Detects Excel, Word or PowerPoint starting a script host, typical of macro droppers.
               references:
                 - https://attack.mitre.org/techniques/T1204/002/
               author: your-handle
               date: 2026-01-15
               tags:
                 - attack.execution
                 - attack.t1204.002
               logsource:
                 category: process_creation
                 product: windows
               detection:
                 selection_parent:
                   ParentImage|endswith:
                     - '\EXCEL.EXE'
                     - '\WINWORD.EXE'
                     - '\POWERPNT.EXE'
                 selection_child:
                   Image|endswith:
                     - '\powershell.exe'
                     - '\wscript.exe'
                     - '\mshta.exe'
                 condition: selection_parent and selection_child
               falsepositives:
                 - Add-ins that legitimately start helpers (document which ones you saw)
               level: high
               ~~~
            2. Write at least two more rules for other steps of the chain.
            3. Validate: \`sigma check rules/\`. Fix every error and read the warnings.
          `,
          evidenceRequired: true,
          evidenceKinds: ["code"],
        },
        {
          title: "Convert and run against both datasets",
          instructions: md`
            1. Install the backend once: \`sigma plugin install elasticsearch\`.
            2. Convert: \`sigma convert -t lucene -p ecs_windows rules/\`.
            3. Run each query in the lab SIEM against \`attack-replay\` and then \`baseline-week\`.
            4. Record hits per rule and per dataset, and which attack variants each rule caught.

            Attach the converted queries and screenshots of the hit counts.
          `,
          evidenceRequired: true,
          evidenceKinds: ["log", "screenshot"],
        },
        {
          title: "Tune false positives",
          instructions: md`
            1. For each rule that fires on the baseline, look at **why**: which parent, command line,
               user, path?
            2. Add the narrowest filter that removes the noise: an exact signed script path, a
               specific parent command line, a service account. Avoid broad exclusions such as "any
               PowerShell started by SYSTEM": attackers read exclusion lists too.
            3. Rerun both datasets after every change.
            4. Fill in this table in your report:

            | Rule | Variants caught (before → after) | Baseline alerts (before → after) | Change made |
            | --- | --- | --- | --- |
          `,
          evidenceRequired: true,
          evidenceKinds: ["report"],
        },
        {
          title: "Document the rules for the on-call analyst",
          instructions: md`
            For each rule, write a short runbook entry:

            1. What the alert means, in one sentence.
            2. The first three things to check (parent process, user, network connections after).
            3. When to escalate, and to whom.
            4. Known false positives and how to recognise them.
          `,
          evidenceRequired: true,
          evidenceKinds: ["report"],
        },
      ],
      rubric: [
        {
          key: "coverage",
          title: "Attack coverage",
          description: "The rules detect all variants through behaviour rather than indicators.",
          weight: 3,
          maxScore: 3,
          levels: levels(
            "Rules detect none of the variants, or rely only on hashes, IPs or domains.",
            "One or two variants are detected.",
            "All three variants are detected by behaviour-based logic.",
            "All variants are detected by at least two independent rules each, so one evasion does not blind the SOC.",
          ),
        },
        {
          key: "precision",
          title: "Precision on normal activity",
          description: "The rules stay quiet on baseline-week without over-broad exclusions.",
          weight: 2,
          maxScore: 3,
          levels: levels(
            "No baseline testing.",
            "Rules were tested but are noisy, or tuned with exclusions an attacker could easily abuse.",
            "Each rule fires five times or fewer on the baseline, with narrow filters.",
            "Noise is eliminated with precise filters, and the write-up shows the before/after trade-off for each change.",
          ),
        },
        {
          key: "rule-quality",
          title: "Rule quality and metadata",
          description: "Rules are valid Sigma with complete, accurate metadata.",
          weight: 2,
          maxScore: 3,
          levels: levels(
            "Rules are missing or do not parse.",
            "Rules parse but metadata is incomplete or tags are wrong.",
            "Rules pass sigma check with complete metadata and correct ATT&CK tags.",
            "Rules are clean, idiomatic Sigma (modifiers, named selections) that another team could adopt unchanged.",
          ),
        },
        {
          key: "triage-docs",
          title: "Triage guidance",
          description: "Runbook entries let an analyst act on an alert.",
          weight: 1,
          maxScore: 3,
          levels: levels(
            "No guidance.",
            "A description of the rule but no triage steps.",
            "Clear triage steps, escalation criteria and known false positives for each rule.",
            "Guidance includes example queries for each triage step and a decision on severity.",
          ),
        },
      ],
      recipes: [
        { title: "Sigma: rule basics and structure", skill: "detection-engineering", minutes: 30, url: "https://sigmahq.io/docs/basics/rules.html" },
        { title: "SigmaHQ rule repository: learn from community rules", skill: "detection-engineering", minutes: 20, url: "https://github.com/SigmaHQ/sigma" },
        { title: "MITRE ATT&CK T1547.001: Registry Run Keys / Startup Folder", skill: "threat-hunting", minutes: 10, url: "https://attack.mitre.org/techniques/T1547/001/" },
      ],
    },

    // ── 5 ────────────────────────────────────────────────────────────────────────────────────
    {
      slug: "def-hunt-quiet-operator",
      title: "Hunting the Quiet Operator",
      summary:
        "A national CERT warns that an actor who lives off the land is targeting logistics firms. Turn the advisory into hypotheses and hunt across Harbourline's fleet with osquery, Zeek and YARA.",
      story: md`
        A TLP:AMBER advisory arrives from the national CERT: an actor it calls **SALT HERON** is
        targeting European logistics firms. SALT HERON logs in with valid credentials, uses built-in
        tools, moves laterally over SMB admin shares and remote scheduled tasks, persists with
        scheduled tasks on Windows and cron or systemd on Linux, and stages data in archives before
        sending it out over HTTPS. None of Harbourline's detections have fired.

        Marcus asks you to lead a hunt. The lab mirrors the fleet: 30 Windows and 12 Linux hosts
        enrolled in osquery through Fleet (\`https://fleet.lab.mxp.local\`), plus 14 days of Zeek logs
        from the core switch. A Linux engineer also found an unfamiliar binary on \`tos-app-03\`,
        now copied to the isolated analysis VM \`remnux.lab.mxp.local\`.

        A hunt that finds nothing is a valid result, *if* you can show what you looked at and why
        it would have found the actor. A hunt that finds something must say exactly where.
      `,
      objectives: [
        "Turn the advisory into at least three testable hunt hypotheses with data sources.",
        "Sweep Windows and Linux hosts with osquery for persistence and suspicious execution, using stacking to find outliers.",
        "Reconstruct lateral movement from Zeek SMB and DCE-RPC logs.",
        "Triage a suspicious binary statically and write a YARA rule for it.",
        "Turn at least one finding into a durable detection.",
      ],
      successCriteria: [
        "The hunt plan lists three or more hypotheses, each with an ATT&CK technique, data source, query and what a positive or negative result means.",
        "Compromised hosts and the persistence on each are identified with host names and artefact paths that match the lab ground truth.",
        "The lateral movement path is reconstructed as source → destination → method → time.",
        "The YARA rule matches the supplied sample and none of the 200 clean binaries in /missions/hunt/goodware/.",
        "The hunt report separates confirmed findings, suspicious but unconfirmed activity, and hypotheses ruled out.",
      ],
      difficulty: "ADVANCED",
      tierRequired: "PREMIUM",
      isCapstone: false,
      estimatedMinutes: 240,
      prerequisites: ["def-sigma-detections"],
      skills: [
        { skill: "threat-hunting", weight: 0.9 },
        { skill: "malware-triage", weight: 0.5 },
        { skill: "detection-engineering", weight: 0.3 },
        { skill: "packet-analysis", weight: 0.3 },
      ],
      subtasks: [
        {
          title: "Write the hunt plan",
          instructions: md`
            For each hypothesis, fill in:

            | Hypothesis | ATT&CK | Data source | Query or method | Found means… | Not found means… |
            | --- | --- | --- | --- | --- | --- |

            Example: *"SALT HERON created scheduled tasks remotely on servers"*, T1053.005, Zeek
            \`dce_rpc.log\` plus osquery \`scheduled_tasks\`, and so on. Write at least three hypotheses
            covering different tactics (persistence, lateral movement, collection or exfiltration).
          `,
          evidenceRequired: true,
          evidenceKinds: ["report"],
        },
        {
          title: "Sweep the fleet with osquery",
          instructions: md`
            Run live queries in Fleet against all hosts and **stack** the results: count how many hosts
            share each value; the rare values are where to look first.

            ~~~sql
            -- Windows: scheduled tasks running from user-writable or unusual paths
            SELECT name, action, path, enabled, last_run_time
            FROM scheduled_tasks
            WHERE action LIKE '%\Users\%' OR action LIKE '%\ProgramData\%' OR action LIKE '%\Temp\%';

            -- Linux: every cron entry, to stack across hosts
            SELECT command, path FROM crontab;

            -- Linux: systemd units added by hand
            SELECT id, description, fragment_path, active_state
            FROM systemd_units
            WHERE fragment_path LIKE '/etc/systemd/system/%';

            -- Both: processes whose binary is no longer on disk
            SELECT pid, name, path, cmdline FROM processes WHERE on_disk = 0;
            ~~~

            Export each result set to CSV and attach the ones that led to findings.
          `,
          evidenceRequired: true,
          evidenceKinds: ["log"],
        },
        {
          title: "Trace lateral movement in Zeek",
          instructions: md`
            1. Workstation-to-workstation SMB is unusual at Harbourline. Find it:
               ~~~bash
               zeek-cut ts id.orig_h id.resp_h id.resp_p < conn.log \
                 | awk '$4 == 445' | awk '{print $2, $3}' | sort | uniq -c | sort -rn | head -20
               ~~~
            2. Look for remote service and task creation:
               \`zeek-cut ts id.orig_h id.resp_h endpoint operation < dce_rpc.log | grep -Ei 'svcctl|atsvc|ITaskSchedulerService'\`
            3. Check files written to admin shares: \`zeek-cut ts id.orig_h id.resp_h action name path < smb_files.log | grep -i 'ADMIN\$\|C\$'\`
            4. Look for staging and exfiltration: large outbound \`orig_bytes\` to rare destinations.
            5. Draw the path as *source → destination → method → time* for every hop.
          `,
          evidenceRequired: true,
          evidenceKinds: ["log", "report"],
        },
        {
          title: "Triage the binary and write a YARA rule",
          instructions: md`
            Work only on \`remnux.lab.mxp.local\`, which has no route to the rest of the lab.
            **Do not execute the sample.**

            1. Identify it: \`sha256sum\`, \`file\`, and \`rabin2 -I\` (or \`pefile\` if it is a PE).
            2. Read it: \`strings -n 8\` and \`floss\` for obfuscated strings. Note URLs, mutex names, file
               paths, command templates and unusual sections.
            3. Write a YARA rule from features that are specific to this family but unlikely to
               appear in legitimate software. Combine several strings with a condition rather than
               relying on one.
            4. Test it:
               ~~~bash
               yara -s salt_heron.yar /missions/hunt/sample/
               yara -r salt_heron.yar /missions/hunt/goodware/ | wc -l   # must print 0
               ~~~
          `,
          evidenceRequired: true,
          evidenceKinds: ["code", "report"],
        },
        {
          title: "Report the hunt and hand over a detection",
          instructions: md`
            1. Write the hunt report with three sections: **Confirmed**, **Suspicious, unconfirmed**,
               **Ruled out** (and how).
            2. For confirmed hosts, list the artefacts (paths, task names, units, accounts) the
               incident team needs to contain them.
            3. Hand over at least one durable detection: a Sigma rule, an osquery scheduled query, or
               your YARA rule with deployment notes.
          `,
          evidenceRequired: true,
          evidenceKinds: ["report", "code"],
        },
      ],
      rubric: [
        {
          key: "hypotheses",
          title: "Hunt plan",
          description: "Hypotheses are testable, grounded in the advisory and tied to data.",
          weight: 2,
          maxScore: 3,
          levels: levels(
            "No hunt plan.",
            "Hypotheses are vague ('look for bad stuff') or have no data source.",
            "Three or more testable hypotheses with data sources, queries and interpretation.",
            "Hypotheses cover several tactics, name their blind spots and are ordered by likely payoff.",
          ),
        },
        {
          key: "findings",
          title: "Findings are correct and precise",
          description: "Compromised hosts and persistence are identified exactly.",
          weight: 3,
          maxScore: 3,
          levels: levels(
            "No findings, and no evidence the data was examined.",
            "Some suspicious items are found, but hosts or artefacts are wrong or imprecise.",
            "Compromised hosts and persistence match the ground truth with exact artefact paths.",
            "All findings match, false leads are explicitly ruled out, and stacking evidence supports each call.",
          ),
        },
        {
          key: "lateral-movement",
          title: "Lateral movement reconstructed",
          description: "The movement path between hosts is rebuilt from network evidence.",
          weight: 2,
          maxScore: 3,
          levels: levels(
            "Lateral movement is not examined.",
            "Some SMB connections are listed without method or order.",
            "Every hop is given as source, destination, method and time.",
            "The path is complete and correlated with host evidence (task creation, file drops) at each hop.",
          ),
        },
        {
          key: "malware-triage",
          title: "Binary triage and YARA",
          description: "The sample is characterised safely and the YARA rule is accurate.",
          weight: 2,
          maxScore: 3,
          levels: levels(
            "No triage of the sample.",
            "Basic identification only, or a YARA rule that misses the sample or matches goodware.",
            "The sample's capabilities are described and the rule matches it with no goodware hits.",
            "Triage links the sample to the observed behaviour, and the rule is resilient (several features, sensible condition, comments).",
          ),
        },
        {
          key: "detection-handover",
          title: "Durable detection",
          description: "At least one finding becomes a deployable detection.",
          weight: 1,
          maxScore: 3,
          levels: levels(
            "No detection is handed over.",
            "A detection is proposed but untested.",
            "A tested detection with deployment notes.",
            "A tested, behaviour-based detection with expected false positives and an owner.",
          ),
        },
      ],
      recipes: [
        { title: "MITRE ATT&CK T1021.002: SMB/Windows Admin Shares", skill: "threat-hunting", minutes: 15, url: "https://attack.mitre.org/techniques/T1021/002/" },
        { title: "MITRE ATT&CK T1053.005: Scheduled Task", skill: "threat-hunting", minutes: 10, url: "https://attack.mitre.org/techniques/T1053/005/" },
        { title: "osquery schema reference", skill: "threat-hunting", minutes: 30, url: "https://osquery.io/schema/" },
        { title: "YARA documentation: Writing YARA rules", skill: "malware-triage", minutes: 40, url: "https://yara.readthedocs.io/en/stable/writingrules.html" },
      ],
    },

    // ── 6 · capstone ─────────────────────────────────────────────────────────────────────────
    {
      slug: "def-capstone-cranes-stopped",
      title: "Capstone: The Night the Cranes Stopped",
      summary:
        "Ransomware halts Harbourline's Rotterdam terminal. Lead the technical response end to end: scope, contain, preserve evidence, find the root cause, brief leadership and ship detections.",
      story: md`
        Saturday, 02:47. The terminal operating system at Harbourline's Rotterdam terminal stops
        responding. Gate clerks find \`HOW_TO_RECOVER.txt\` on every file share; fourteen ships are
        waiting to be unloaded and the straddle carriers are parked. By 03:30 you are the incident
        commander for the technical response, with the CISO, Elif Şahin, on the bridge call.

        The lab holds a frozen copy of the environment at 04:00: EDR telemetry, Windows and Active
        Directory logs, firewall and VPN logs, Zeek from the core, a memory image of file server
        \`RTM-FS-02\` and disk images of two servers. Leadership needs decisions within hours: which
        segments to isolate without endangering crane safety systems, whether data was stolen,
        whether backups can be trusted, and what to tell regulators. Under NIS2 an early warning is
        due within 24 hours; if personal data was taken, GDPR gives 72 hours.

        This capstone is reviewed by a mentor. They will read your work as a real incident
        commander would: are your conclusions proven, are your decisions explained, and could the
        organisation act on your reports tomorrow morning?
      `,
      objectives: [
        "Establish scope: initial access vector, patient zero, compromised accounts and hosts, and whether data left the network.",
        "Propose and justify a containment plan that stops the spread while keeping the port's safety systems safe.",
        "Preserve evidence with hashes and a chain of custody, and analyse the memory image.",
        "Reconstruct the intrusion from initial access to encryption and identify the root cause.",
        "Brief leadership, including regulatory notification considerations, and write the technical incident report.",
        "Ship at least two detections that would have caught this intrusion earlier.",
      ],
      successCriteria: [
        "The timeline from initial access to encryption has at least 15 events, each citing the evidence it comes from.",
        "The list of compromised hosts and accounts matches the lab ground truth with at most one omission.",
        "The exfiltration question is answered with evidence (volume, destination, time window) or a justified 'no evidence of exfiltration' stating what was checked.",
        "The containment plan states the order of actions, the business impact of each, and who decides.",
        "The evidence log lists a SHA-256 hash for every artefact used and who handled it when.",
        "The executive briefing fits on two pages and names the decisions requested from leadership.",
        "At least two detections (Sigma or YARA) are tested against the provided data.",
      ],
      difficulty: "ELITE",
      tierRequired: "PREMIUM",
      isCapstone: true,
      estimatedMinutes: 480,
      passThreshold: 75,
      prerequisites: ["def-hunt-quiet-operator"],
      skills: [
        { skill: "incident-response", weight: 1 },
        { skill: "reporting", weight: 0.7 },
        { skill: "threat-hunting", weight: 0.5 },
        { skill: "log-analysis", weight: 0.4 },
        { skill: "malware-triage", weight: 0.3 },
        { skill: "detection-engineering", weight: 0.3 },
      ],
      subtasks: [
        {
          title: "The first hour: situation report",
          instructions: md`
            Before you dig, write the first situation report (SITREP) the bridge call will read:

            1. **What we know** (facts only, with times).
            2. **What we do not know yet**, as questions.
            3. **Actions in progress** and who owns them.
            4. **Decisions needed now** (for example: disconnect the Rotterdam site from the WAN?).
            5. **Next update** time.

            Keep it under half a page. You will write a second one at the end.
          `,
          evidenceRequired: true,
          evidenceKinds: ["report"],
        },
        {
          title: "Scope the intrusion",
          instructions: md`
            1. **Initial access.** Check the VPN logs for successful logins preceded by failures,
               logins from new countries, and accounts without MFA.
            2. **Accounts.** In the AD logs, follow the suspicious accounts through 4624 (logon, note
               logon type 3 and 10), 4672 (special privileges), 4768/4769 (Kerberos) and 4720/4728
               (account created, added to a group).
            3. **Hosts.** Use EDR telemetry to list every host where the attacker's tools or accounts
               appear. Stack process names and hashes across hosts.
            4. **Exfiltration.** Look for large uploads before encryption:
               ~~~bash
               zeek-cut ts id.orig_h id.resp_h id.resp_p orig_bytes < conn.log \
                 | sort -k5 -nr | head -20
               zeek-cut ts id.orig_h host user_agent < http.log | grep -i rclone
               ~~~
            5. Keep a running list of *hosts*, *accounts* and *indicators*, each with the evidence
               that put it there.
          `,
          evidenceRequired: true,
          evidenceKinds: ["log", "report"],
        },
        {
          title: "Contain without sinking the port",
          instructions: md`
            Write the containment plan as an ordered list. For each action give: what, why, the
            business impact, who decides, and how to roll it back. Consider at least:

            - disabling compromised accounts and resetting privileged credentials (including the
              \`krbtgt\` account, twice, with replication in between);
            - isolating infected hosts through EDR rather than pulling cables, to keep memory;
            - segmenting the terminal operations network from the office network while keeping the
              crane safety PLCs on their own isolated network, untouched;
            - blocking the attacker's command-and-control and exfiltration destinations;
            - protecting backups before the attacker reaches them.

            Explain one action you chose **not** to take, and why.
          `,
          evidenceRequired: true,
          evidenceKinds: ["report"],
        },
        {
          title: "Preserve and analyse evidence",
          instructions: md`
            1. Hash every artefact before you open it and keep the list:
               \`sha256sum evidence/* | tee evidence.sha256\`
            2. Keep a chain-of-custody log: artefact, hash, who, when, what was done with it.
            3. Analyse the memory image of \`RTM-FS-02\` with Volatility 3:
               ~~~bash
               vol -f RTM-FS-02.mem windows.pslist
               vol -f RTM-FS-02.mem windows.cmdline
               vol -f RTM-FS-02.mem windows.netscan
               vol -f RTM-FS-02.mem windows.malfind
               ~~~
            4. Record the ransomware process, how it was started, its command line (look for
               excluded paths and the deletion of shadow copies) and any network connections.
          `,
          evidenceRequired: true,
          evidenceKinds: ["log", "report"],
        },
        {
          title: "Root cause, eradication and recovery",
          instructions: md`
            1. Build the full timeline (at least 15 events) from initial access to encryption, each
               event citing its evidence.
            2. State the root cause and the contributing factors (for example: no MFA on VPN, flat
               network, domain admin credentials cached on file servers).
            3. Write an eradication checklist: every persistence, account and tool to remove, and
               how to verify it is gone.
            4. Write a recovery plan: which systems to restore first for the port to operate, from
               which backups, and how to prove a backup is clean before it goes live.
          `,
          evidenceRequired: true,
          evidenceKinds: ["report"],
        },
        {
          title: "Brief leadership and ship detections",
          instructions: md`
            1. **Executive briefing** (at most two pages): what happened, impact on operations and
               data, what has been done, risks that remain, decisions requested (for example
               regulator notification, customer communication, paying or not paying, with your
               recommendation), and the next 72 hours.
            2. **Technical incident report**: timeline, scope, root cause, evidence log, eradication
               and recovery, lessons learned.
            3. **Detections**: at least two Sigma or YARA rules for behaviours in this intrusion,
               tested against the lab data, with results attached.
          `,
          evidenceRequired: true,
          evidenceKinds: ["report", "code"],
        },
      ],
      rubric: [
        {
          key: "scoping",
          title: "Scope and root cause",
          description: "Initial access, compromised assets, exfiltration and root cause are established from evidence.",
          weight: 3,
          maxScore: 3,
          levels: levels(
            "Scope is not established.",
            "Partial scope: several hosts or accounts are missing, or the initial access vector is guessed.",
            "Scope matches the ground truth with at most one omission, and the root cause is supported by the timeline.",
            "Complete, proven scope with the exfiltration question settled and every conclusion traceable to evidence.",
          ),
        },
        {
          key: "containment",
          title: "Containment decisions",
          description: "The plan stops the spread, respects operational safety and is explained.",
          weight: 3,
          maxScore: 3,
          levels: levels(
            "No containment plan.",
            "A list of actions without order, impact or owners, or actions that would destroy evidence or endanger operations.",
            "An ordered plan with impact, owners and rollback for each action.",
            "A plan a real incident commander would run: sequenced to avoid tipping off the attacker, safety-aware, with alternatives weighed.",
          ),
        },
        {
          key: "evidence-handling",
          title: "Evidence handling and forensics",
          description: "Artefacts are hashed, tracked and analysed soundly.",
          weight: 2,
          maxScore: 3,
          levels: levels(
            "No evidence log or hashes.",
            "Some hashes, but no chain of custody or no memory analysis.",
            "Every artefact is hashed and logged, and memory analysis identifies the ransomware process and how it started.",
            "Forensically sound throughout, with memory findings correlated to disk and log evidence.",
          ),
        },
        {
          key: "communication",
          title: "Briefing and report",
          description: "Leadership and technical audiences get what they need to act.",
          weight: 3,
          maxScore: 3,
          levels: levels(
            "No briefing or report.",
            "Reports exist but mix facts and guesses, or bury the decisions leadership must make.",
            "A clear two-page briefing with decisions and regulatory considerations, and a complete technical report.",
            "Briefing and report are crisp, honest about uncertainty, and could be sent as written.",
          ),
        },
        {
          key: "detections",
          title: "Detections that would have caught it",
          description: "New detections target behaviours from this intrusion and are tested.",
          weight: 1,
          maxScore: 3,
          levels: levels(
            "No detections.",
            "Detections are proposed but untested or rely only on indicators.",
            "Two tested, behaviour-based detections.",
            "Detections target early stages of the chain and come with measured false-positive rates.",
          ),
        },
      ],
      recipes: [
        { title: "NIST SP 800-61 Rev. 3: Incident Response Recommendations", skill: "incident-response", minutes: 60, url: "https://csrc.nist.gov/pubs/sp/800/61/r3/final" },
        { title: "CISA #StopRansomware Guide", skill: "incident-response", minutes: 45, url: "https://www.cisa.gov/stopransomware/ransomware-guide" },
        { title: "MITRE ATT&CK T1486: Data Encrypted for Impact", skill: "threat-hunting", minutes: 10, url: "https://attack.mitre.org/techniques/T1486/" },
        { title: "Volatility 3 documentation", skill: "malware-triage", minutes: 40, url: "https://volatility3.readthedocs.io/en/latest/" },
      ],
    },
  ],
};
