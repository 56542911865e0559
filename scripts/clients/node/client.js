#!/usr/bin/env node
'use strict';
// A Node client of the tradingrt SockJS event bus, using the official @vertx/eventbus-bridge-client.js.
//   node client.js fills                          print fills as they happen
//   node client.js watch metrics.live [count]     print any permitted address
//   TRT_TOKEN=... node client.js order AAPL BUY 10
//   TRT_TOKEN=... node client.js control HALT
const EventBus = require('@vertx/eventbus-bridge-client.js');

const url = process.env.TRT_EVENTBUS_URL || 'http://127.0.0.1:8080/eventbus';
const token = process.env.TRT_TOKEN;
const [command, ...args] = process.argv.slice(2);

const eb = new EventBus(url);
eb.onerror = (err) => {
  // a refused registration or send arrives here, e.g. access_denied
  console.error('bus error:', JSON.stringify(err));
};

function request(address, body) {
  return new Promise((resolve, reject) => {
    eb.send(address, body, token ? {token} : {}, (err, reply) => (err ? reject(err) : resolve(reply.body)));
  });
}

function watch(address, count) {
  let seen = 0;
  eb.registerHandler(address, (err, msg) => {
    if (err) return console.error(err);
    console.log(JSON.stringify(msg.body));
    if (count && ++seen >= count) eb.close();
  });
}

eb.onopen = async () => {
  try {
    switch (command) {
      case 'fills':
        watch('exec.fills', Number(args[0] || 0));
        break;
      case 'watch':
        watch(args[0], Number(args[1] || 0));
        break;
      case 'order': {
        const [symbol, side, quantity, limitPrice] = args;
        const order = {symbol, side, quantity, strategy: 'node', ...(limitPrice ? {type: 'LIMIT', limitPrice} : {})};
        console.log(JSON.stringify(await request('orders.submit', order)));
        eb.close();
        break;
      }
      case 'control':
        console.log(JSON.stringify(await request('risk.control', {command: args[0], reason: 'node client'})));
        eb.close();
        break;
      default:
        console.error('commands: fills | watch ADDRESS [COUNT] | order SYMBOL SIDE QTY [LIMIT] | control HALT|REDUCE|RESUME|KILL');
        eb.close();
        process.exitCode = 2;
    }
  } catch (err) {
    console.error('refused:', err.message || JSON.stringify(err));
    process.exitCode = 2;
    eb.close();
  }
};
