#!/usr/bin/env python3
"""Builds the fixture's AWS Organization inside moto, in-process, then serves it as moto_server does.

    python3 bench/moto-org.py --members N [--seed 20220630] [--index-access-keys]

The same API calls, in the same order and with the same arguments, as buildOrganization in
test/aws/organization-fixture.ts (read it: the plans below follow memberPlan and managementPlan), but sent by
boto3 to moto's in-process mock (moto.mock_aws) instead of over HTTP: no socket, no web server, no JSON
parsing in Node. The facts moto ends up holding are therefore the same (same seed, same order: the same ids),
which test/aws/python-organization.test.ts checks by scanning both.

When the Organization is built it starts moto's threaded server (moto.server.ThreadedMotoServer, the server
`moto_server` runs) on 127.0.0.1 only, on a free port, over the same backends, and prints one JSON line to
stdout: {"url", "pid", "buildSeconds", "calls", "accounts"}. It serves until its standard input closes (the
parent ending, however it ends) or it gets SIGTERM.

--index-access-keys: moto finds a request's account by looking for its access key in the IAM backend of every
account it knows, for each of its 6 partitions (moto.iam.models.get_account_id_from): with 10,000 accounts,
60,000 look-ups on every request, a cost of the emulator that AWS does not have. This option answers the same
question from an index: each key is filed under the account whose backend made it (or, for a key moto did not
make, looked up the original way once), then remembered (a key never moves to
another account; keys are never deleted here, and the index does not survive /moto-api/reset, which the benchmark
never calls). A benchmark then measures the scan rather than that loop. Off by default.
"""

import argparse
import json
import os
import signal
import sys
import threading
import time

# moto derives each request's account from its access key; these would override that.
os.environ.pop("MOTO_ACCOUNT_ID", None)
# The in-process clients act as the management account: moto's default account for an unknown key.
os.environ.update(
    {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_CONFIG_FILE": "/nonexistent/lockout-bench-aws/config",
        "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/lockout-bench-aws/credentials",
    }
)
for key in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL"):
    os.environ.pop(key, None)

import boto3  # noqa: E402
from moto import mock_aws  # noqa: E402
from moto.moto_api._internal import mock_random  # noqa: E402
from moto.server import ThreadedMotoServer  # noqa: E402

REGION = "us-east-1"
ROOT_MAIL_DOMAIN = "example.com"
ORGANIZATION_ROLE = "OrganizationAccountAccessRole"
PAYMENTS_ACTIONS = ["payments:*", "aws-portal:ViewBilling", "billing:Get*", "billing:List*"]


def policy_for(kind):
    if kind == "payer":
        return {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": PAYMENTS_ACTIONS, "Resource": "*"}]}
    if kind == "admin":
        return {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
    if kind == "admin-denied-payments":
        return {
            "Version": "2012-10-17",
            "Statement": [
                {"Effect": "Allow", "Action": "*", "Resource": "*"},
                {"Effect": "Deny", "Action": "payments:*", "Resource": "*"},
            ],
        }
    if kind == "developer":
        return {
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": ["ec2:*", "s3:*", "lambda:*", "route53:*"], "Resource": "*"}],
        }
    raise ValueError(kind)


def js_json(value):
    """JSON.stringify's output: no spaces."""
    return json.dumps(value, separators=(",", ":"))


def member_name(index, members):
    return "member-" + str(index).zfill(max(2, len(str(members))))


def member_email(index, members):
    return f"aws+{member_name(index, members)}@{ROOT_MAIL_DOMAIN}"


MANAGEMENT_PLAN = {
    "users": [
        ("owner-admin", "admin", True),
        ("billing-manager", "payer", True),
        ("ops", "admin-denied-payments", False),
        ("ci-deployer", "developer", False),
    ],
    "alternate_contacts": ["BILLING", "OPERATIONS", "SECURITY"],
    "hosted_zones": [f"internal.{ROOT_MAIL_DOMAIN}"],
    "domains": [ROOT_MAIL_DOMAIN],
    "budget": "email-and-sns",
    "topic": True,
    "alarm": True,
}


def member_plan(index, members):
    """memberPlan of the TypeScript fixture."""
    suffix = member_name(index, members)[len("member-") :]
    users = []
    if index % 2 == 1:
        users.append((f"dev-{suffix}", "developer", True))
    if index % 4 == 1:
        users.append((f"billing-{suffix}", "payer", False))
    if index % 4 == 3:
        users.append((f"admin-{suffix}", "admin-denied-payments", True))
    contacts = ["BILLING", "OPERATIONS", "SECURITY"] if index % 3 == 1 else ["BILLING"] if index % 3 == 0 else []
    budget = "email-and-sns" if index % 8 == 4 else "email" if index % 4 == 2 else "none"
    return {
        "users": users,
        "alternate_contacts": contacts,
        "hosted_zones": [f"{member_name(index, members)}.{ROOT_MAIL_DOMAIN}"] if index % 5 == 0 else [],
        "domains": [f"lockout-{member_name(index, members)}.com"] if index % 10 == 2 else [],
        "budget": budget,
        "topic": budget == "email-and-sns",
        "alarm": False,
    }


def contact_for(kind, account_name):
    who = kind.lower()
    title = kind[0] + who[1:]
    return {
        "Name": f"{title} Contact {account_name}",
        "Title": f"{title} lead",
        "EmailAddress": f"{who}+{account_name}@{ROOT_MAIL_DOMAIN}",
        "PhoneNumber": "+81-3-5555-0100",
    }


REGISTRANT = {
    "FirstName": "Owner",
    "LastName": "Example",
    "ContactType": "PERSON",
    "AddressLine1": "1-1 Chiyoda",
    "City": "Tokyo",
    "CountryCode": "JP",
    "ZipCode": "1000001",
    "PhoneNumber": "+81.355550100",
    "Email": f"owner@{ROOT_MAIL_DOMAIN}",
}

SERVICES = ["organizations", "iam", "account", "route53", "route53domains", "sns", "budgets", "cloudwatch", "sts"]


class Clients:
    """One boto3 client per service, acting with `credentials` (None: the management account's), counting calls."""

    def __init__(self, session, counts, credentials=None):
        self._clients = {}
        self._session = session
        self._counts = counts
        self._credentials = credentials or {}

    def call(self, service, operation, **params):
        client = self._clients.get(service)
        if client is None:
            client = self._session.client(service, region_name=REGION, **self._credentials)
            self._clients[service] = client
        key = f"{service}:{operation}"
        self._counts[key] = self._counts.get(key, 0) + 1
        return getattr(client, operation)(**params)


def populate(account, plan, inside, management):
    if account["role"] == "member":
        inside.call(
            "iam",
            "put_role_policy",
            RoleName=ORGANIZATION_ROLE,
            PolicyName="AdministratorAccess",
            PolicyDocument=js_json(policy_for("admin")),
        )
    for name, kind, mfa in plan["users"]:
        inside.call("iam", "create_user", UserName=name)
        inside.call(
            "iam", "put_user_policy", UserName=name, PolicyName=f"{kind}-policy", PolicyDocument=js_json(policy_for(kind))
        )
        if mfa:
            device = inside.call("iam", "create_virtual_mfa_device", VirtualMFADeviceName=name)
            inside.call(
                "iam",
                "enable_mfa_device",
                UserName=name,
                SerialNumber=device["VirtualMFADevice"]["SerialNumber"],
                AuthenticationCode1="123456",
                AuthenticationCode2="654321",
            )
    for kind in plan["alternate_contacts"]:
        target = {"AccountId": account["id"]} if account["role"] == "member" else {}
        management.call(
            "account", "put_alternate_contact", **target, AlternateContactType=kind, **contact_for(kind, account["name"])
        )
    for domain in plan["domains"]:
        inside.call(
            "route53domains",
            "register_domain",
            DomainName=domain,
            DurationInYears=2,
            AutoRenew=True,
            AdminContact=REGISTRANT,
            RegistrantContact=REGISTRANT,
            TechContact=REGISTRANT,
        )
        zones = inside.call("route53", "list_hosted_zones")["HostedZones"]
        if not any(zone["Name"].rstrip(".") == domain for zone in zones):
            raise RuntimeError(f"RegisterDomain {domain} made no hosted zone")
    for name in plan["hosted_zones"]:
        inside.call("route53", "create_hosted_zone", Name=name, CallerReference=f"lockout-fixture-{account['id']}-{name}")
    topic_arn = None
    if plan["topic"]:
        topic_arn = inside.call("sns", "create_topic", Name="billing-alerts")["TopicArn"]
        endpoint = f"billing-alerts+{account['name']}@{ROOT_MAIL_DOMAIN}"
        inside.call("sns", "subscribe", TopicArn=topic_arn, Protocol="email", Endpoint=endpoint)
    if plan["budget"] != "none":
        actual_subscribers = [{"SubscriptionType": "EMAIL", "Address": f"budget+{account['name']}@{ROOT_MAIL_DOMAIN}"}]
        notifications = [
            {
                "Notification": {
                    "NotificationType": "ACTUAL",
                    "ComparisonOperator": "GREATER_THAN",
                    "Threshold": 80,
                    "ThresholdType": "PERCENTAGE",
                },
                "Subscribers": actual_subscribers,
            }
        ]
        if plan["budget"] == "email-and-sns" and topic_arn is not None:
            actual_subscribers.append({"SubscriptionType": "SNS", "Address": topic_arn})
            notifications.append(
                {
                    "Notification": {
                        "NotificationType": "FORECASTED",
                        "ComparisonOperator": "GREATER_THAN",
                        "Threshold": 100,
                        "ThresholdType": "PERCENTAGE",
                    },
                    "Subscribers": [{"SubscriptionType": "SNS", "Address": topic_arn}],
                }
            )
        inside.call(
            "budgets",
            "create_budget",
            AccountId=account["id"],
            Budget={
                "BudgetName": "monthly-total",
                "BudgetType": "COST",
                "TimeUnit": "MONTHLY",
                "BudgetLimit": {"Amount": "100", "Unit": "USD"},
            },
            NotificationsWithSubscribers=notifications,
        )
    if plan["alarm"] and topic_arn is not None:
        inside.call(
            "cloudwatch",
            "put_metric_alarm",
            AlarmName="estimated-charges-over-100-usd",
            Namespace="AWS/Billing",
            MetricName="EstimatedCharges",
            Dimensions=[{"Name": "Currency", "Value": "USD"}],
            Statistic="Maximum",
            Period=21_600,
            EvaluationPeriods=1,
            Threshold=100,
            ComparisonOperator="GreaterThanThreshold",
            ActionsEnabled=True,
            AlarmActions=[topic_arn],
        )


def build_organization(members, seed):
    """buildOrganization of the TypeScript fixture, call for call. Returns (accounts, counts)."""
    if seed is not None:
        mock_random.seed(seed)
    session = boto3.session.Session()
    counts = {}
    management = Clients(session, counts)
    organization = management.call("organizations", "create_organization", FeatureSet="ALL")["Organization"]
    accounts = [
        {
            "id": organization["MasterAccountId"],
            "name": "master",
            "role": "management",
            "index": 0,
        }
    ]
    for index in range(1, members + 1):
        name = member_name(index, members)
        status = management.call("organizations", "create_account", AccountName=name, Email=member_email(index, members))[
            "CreateAccountStatus"
        ]
        polls = 0
        while status.get("State") == "IN_PROGRESS" and polls < 100:
            time.sleep(0.1)
            polls += 1
            status = management.call(
                "organizations", "describe_create_account_status", CreateAccountRequestId=status["Id"]
            )["CreateAccountStatus"]
        if status.get("State") != "SUCCEEDED" or "AccountId" not in status:
            raise RuntimeError(f"CreateAccount {name} did not succeed: {status}")
        accounts.append({"id": status["AccountId"], "name": name, "role": "member", "index": index})

    populate(accounts[0], MANAGEMENT_PLAN, management, management)
    for account in accounts[1:]:
        assumed = management.call(
            "sts",
            "assume_role",
            RoleArn=f"arn:aws:iam::{account['id']}:role/{ORGANIZATION_ROLE}",
            RoleSessionName="lockout-fixture",
        )["Credentials"]
        inside = Clients(
            session,
            counts,
            {
                "aws_access_key_id": assumed["AccessKeyId"],
                "aws_secret_access_key": assumed["SecretAccessKey"],
                "aws_session_token": assumed["SessionToken"],
            },
        )
        populate(account, member_plan(account["index"], members), inside, management)
        if account["index"] % 1000 == 0:
            print(f"moto-org: {account['index']}/{members} members built", file=sys.stderr, flush=True)
    return accounts, counts


def index_access_keys():
    """Answers moto's account-of-an-access-key question from an index; see --index-access-keys."""
    import moto.iam.models as iam_models
    from moto.iam.models import IAMBackend

    original = iam_models.get_account_id_from
    # Keys never move between accounts: a key made or found stays known. A key found nowhere (the management's
    # fake "testing" key: moto's default account) stays unknown unless moto makes a key of that very id.
    found = {}
    unknown = set()

    def get_account_id_from(access_key):
        account = found.get(access_key)
        if account is not None:
            return account
        if access_key in unknown:
            return iam_models.DEFAULT_ACCOUNT_ID
        account = original(access_key)
        if account == iam_models.DEFAULT_ACCOUNT_ID:
            unknown.add(access_key)
        else:
            found[access_key] = account
        return account

    def known_once_made(create):
        # The backend that makes a key holds it: its account is the one moto's loop would find.
        def wrapper(backend, *args, **kwargs):
            key = create(backend, *args, **kwargs)
            unknown.discard(key.physical_resource_id)
            found[key.physical_resource_id] = backend.account_id
            return key

        return wrapper

    IAMBackend.create_temp_access_key = known_once_made(IAMBackend.create_temp_access_key)
    IAMBackend.create_access_key = known_once_made(IAMBackend.create_access_key)
    iam_models.get_account_id_from = get_account_id_from


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--members", type=int, required=True)
    parser.add_argument("--seed", type=int, default=20220630)
    parser.add_argument("--index-access-keys", action="store_true")
    options = parser.parse_args()
    if options.members < 0:
        parser.error("--members must be a whole number")
    if options.index_access_keys:
        index_access_keys()

    mock = mock_aws()
    mock.start()  # never stopped: stopping forgets the backends that the server serves
    started = time.perf_counter()
    accounts, counts = build_organization(options.members, options.seed)
    build_seconds = time.perf_counter() - started

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    print(
        json.dumps(
            {
                "url": f"http://{host}:{port}",
                "pid": os.getpid(),
                "buildSeconds": build_seconds,
                "calls": counts,
                "accounts": len(accounts),
            }
        ),
        flush=True,
    )

    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())

    def watch_stdin():
        # The parent holds our standard input: when it ends, however it ends, the pipe closes.
        sys.stdin.buffer.read()
        done.set()

    threading.Thread(target=watch_stdin, daemon=True).start()
    done.wait()
    server.stop()


if __name__ == "__main__":
    main()
