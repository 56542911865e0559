"""The package against a running runtime: TRT_TCP_BRIDGE_PORT and TRT_TOKEN name it (PythonPackageIT starts the jar)."""
import asyncio
import json
import os
import shutil
import subprocess
import unittest

from tradingrt import AsyncEventBus, BridgeError, EventBusClient

PORT = int(os.environ["TRT_TCP_BRIDGE_PORT"])
TOKEN = os.environ["TRT_TOKEN"]


def order(quantity="1"):
    return {"symbol": "AAPL", "side": "BUY", "quantity": quantity, "strategy": "python-tests"}


class AsyncClientTest(unittest.IsolatedAsyncioTestCase):
    async def test_an_order_with_the_token_is_approved_and_its_fill_arrives(self):
        async with AsyncEventBus(port=PORT, token=TOKEN) as bus:
            fills = await bus.subscribe("exec.fills")
            decision = await bus.request("orders.submit", order("2"))
            self.assertTrue(decision["approved"], decision)
            while True:
                fill = await fills.next(timeout=20)
                if fill["clientOrderId"] == decision["clientOrderId"]:
                    break
            self.assertEqual("2", fill["quantity"])
            self.assertEqual("AAPL", fill["symbol"])

    async def test_a_denied_address_answers_access_denied(self):
        async with AsyncEventBus(port=PORT, token=TOKEN) as bus:
            with self.assertRaises(BridgeError) as denied:
                await bus.request("storage.write", {"anything": 1})
            self.assertIn("access_denied", str(denied.exception))

    async def test_without_the_token_an_order_is_refused(self):
        async with AsyncEventBus(port=PORT) as bus:
            with self.assertRaises(BridgeError) as refused:
                await bus.request("orders.submit", order())
            self.assertIn("access_denied", str(refused.exception))

    async def test_a_subscription_survives_a_lost_connection(self):
        async with AsyncEventBus(port=PORT, token=TOKEN) as bus:
            live = await bus.subscribe("metrics.live")
            self.assertIn("ticksTotal", await live.next(timeout=10))
            bus._writer.transport.abort()  # the connection is lost as if the network had dropped it
            for _ in range(50):
                if bus.connections == 2:
                    break
                await asyncio.sleep(0.1)
            self.assertEqual(2, bus.connections, "the client reconnected")
            snapshot = await live.next(timeout=10)
            while bus.connections == 2 and "ticksTotal" not in snapshot:
                snapshot = await live.next(timeout=10)
            self.assertIn("ticksTotal", snapshot)
            decision = await bus.request("orders.submit", order())
            self.assertTrue(decision["approved"], decision)


class BlockingClientTest(unittest.TestCase):
    def test_watches_a_live_address(self):
        with EventBusClient(port=PORT) as bus:
            bus.register("metrics.live")
            body = next(bus.messages("metrics.live"))
            self.assertIn("ticksTotal", body)


class CommandLineTest(unittest.TestCase):
    def run_cli(self, *args):
        command = shutil.which("tradingrt")
        self.assertIsNotNone(command, "the tradingrt command is installed")
        env = dict(os.environ)
        return subprocess.run([command, *args], capture_output=True, text=True, timeout=60, env=env)

    def test_order_then_its_fill(self):
        run = self.run_cli("order", "BUY", "1", "AAPL", "--wait-fill")
        self.assertEqual(0, run.returncode, run.stderr)
        decision, fill = (json.loads(line) for line in run.stdout.strip().splitlines())
        self.assertEqual(decision["decision"]["clientOrderId"], fill["fill"]["clientOrderId"])

    def test_tail_prints_one_json_line_per_message(self):
        run = self.run_cli("tail", "exec.events", "--count", "2")
        self.assertEqual(0, run.returncode, run.stderr)
        lines = run.stdout.strip().splitlines()
        self.assertEqual(2, len(lines))
        for line in lines:
            self.assertIn("clientOrderId", json.loads(line))

    def test_a_denied_address_exits_2(self):
        run = self.run_cli("tail", "storage.write", "--count", "1")
        self.assertEqual(2, run.returncode, run.stdout + run.stderr)
        self.assertIn("access_denied", run.stderr)


if __name__ == "__main__":
    unittest.main()
