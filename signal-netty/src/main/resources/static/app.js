'use strict';
// Demo client of the native /ws dialect (issue 8 section 2, README "Demo and browser test"):
// IDENTIFY -> AUTH_SUCCESS, JOIN_ROOM -> ROOM_MEMBERS / NEW_PEER_IN_ROOM, then SDP_OFFER, SDP_ANSWER and
// ICE_CANDIDATE relayed by the server to `toPeerId`, which receives them with `fromPeerId` stamped.
//
// Who offers: the newer member. It learns of the others from ROOM_MEMBERS and offers to each of them; the
// older members learn of it from NEW_PEER_IN_ROOM and only answer. The server tells every two members of
// a room about each other exactly once, one of each kind, so two peers never offer to each other at the
// same time (no WebRTC glare) and no polite/impolite rollback is needed.

// No STUN or TURN: the demo works between tabs and on one network. Peers behind different NATs would need
// servers here, and this page loads nothing from elsewhere.
const ICE_SERVERS = [];

const ui = {};
for (const id of ['join', 'username', 'room', 'connect', 'leave', 'state', 'error', 'peers', 'chat', 'say',
  'message', 'send', 'log']) {
  ui[id] = document.getElementById(id);
}

let ws = null; // the signaling socket while it is open or opening
let me = null; // our username once the server accepted it
let roomId = null;
// peerId -> {pc, channel, offerer, state, chain}. `chain` runs this peer's signaling steps one after the
// other: the WebRTC calls are asynchronous, and a candidate must not be added before the offer or answer
// that precedes it on the wire has been applied.
const peers = new Map();

function log(text) {
  const li = document.createElement('li');
  li.textContent = new Date().toISOString().slice(11, 23) + '  ' + text;
  ui.log.append(li);
  ui.log.scrollTop = ui.log.scrollHeight;
}

function showError(text) {
  ui.error.textContent = text;
  log('error: ' + text);
}

// data-state is what scripts (scripts/browser-test.sh) wait on; the text is for people.
function setState(state, text) {
  ui.state.dataset.state = state;
  ui.state.textContent = text || state;
}

function send(message) {
  if (ws && ws.readyState === WebSocket.OPEN) {
    ws.send(JSON.stringify(message));
  }
}

ui.join.addEventListener('submit', event => {
  event.preventDefault();
  connect(ui.username.value.trim(), ui.room.value.trim());
});
ui.leave.addEventListener('click', () => {
  log('leaving');
  if (ws) {
    ws.close(1000, 'left');
  }
});
ui.say.addEventListener('submit', event => {
  event.preventDefault();
  sendChat(ui.message.value);
});

function connect(username, room) {
  ui.error.textContent = '';
  roomId = room;
  // Same host and port as the page; wss:// when the page came over https (browsers refuse ws:// there).
  const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws';
  setState('connecting', 'connecting to ' + url);
  setFormConnected(true);
  const socket = new WebSocket(url);
  ws = socket;
  socket.onopen = () => {
    setState('identifying', 'identifying as ' + username);
    send({type: 'IDENTIFY', username});
  };
  socket.onmessage = event => {
    let message;
    try {
      message = JSON.parse(event.data);
    } catch (e) {
      showError('the server sent something that is not JSON: ' + String(event.data).slice(0, 80));
      return;
    }
    onSignal(message);
  };
  socket.onerror = () => showError('the WebSocket to ' + url + ' failed (is the server up?)');
  socket.onclose = event => {
    if (ws !== socket) {
      return;
    }
    ws = null;
    me = null;
    // Our room membership ends with this connection (the server tells the others PEER_LEFT_ROOM), so the
    // peer links go too: everyone's view of the room stays the same.
    for (const id of [...peers.keys()]) {
      closePeer(id);
    }
    setState('closed', 'disconnected (close code ' + event.code + (event.reason ? ', ' + event.reason : '') + ')');
    setFormConnected(false);
    setChatEnabled();
  };
}

// One name and one room per connection: they can be changed only while disconnected.
function setFormConnected(connected) {
  ui.username.disabled = connected;
  ui.room.disabled = connected;
  ui.connect.disabled = connected;
  ui.leave.disabled = !connected;
}

function onSignal(m) {
  switch (m.type) {
    case 'AUTH_SUCCESS':
      me = m.username;
      setState('identified', 'identified as ' + me + ', joining ' + roomId);
      send({type: 'JOIN_ROOM', roomId});
      break;
    case 'AUTH_ERROR':
      // The server keeps the connection open for a retry; closing it lets the form start afresh.
      showError('name refused: ' + m.message + ' (code ' + m.code + ')');
      ws.close(1000, 'name refused');
      break;
    case 'ROOM_MEMBERS':
      setState('ready', 'in room ' + m.roomId + ' as ' + me);
      log('room ' + m.roomId + ' has ' + (m.members.length ? m.members.join(', ') : 'nobody else yet'));
      // We are the newer member: we offer to everyone already there.
      for (const id of m.members) {
        startPeer(id, true);
      }
      break;
    case 'NEW_PEER_IN_ROOM':
      log(m.peerId + ' joined; waiting for its offer');
      startPeer(m.peerId, false);
      break;
    case 'PEER_LEFT_ROOM':
      log(m.peerId + ' left');
      closePeer(m.peerId);
      break;
    case 'SDP_OFFER':
      onOffer(m.fromPeerId, m.sdp);
      break;
    case 'SDP_ANSWER':
      step(m.fromPeerId, 'answer', peer => peer.pc.setRemoteDescription({type: 'answer', sdp: m.sdp}));
      break;
    case 'ICE_CANDIDATE':
      step(m.fromPeerId, 'candidate', peer => peer.pc.addIceCandidate(m.candidate));
      break;
    case 'ERROR':
      showError('server error ' + m.code + ': ' + m.message);
      break;
    default:
      log('ignored a ' + m.type + ' message');
  }
}

function startPeer(id, offerer) {
  closePeer(id); // a peer that joins again is a new session
  const pc = new RTCPeerConnection({iceServers: ICE_SERVERS});
  const peer = {pc, channel: null, offerer, state: offerer ? 'offering' : 'awaiting offer', chain: Promise.resolve()};
  peers.set(id, peer);
  pc.onicecandidate = event => {
    if (event.candidate) {
      send({type: 'ICE_CANDIDATE', toPeerId: id, candidate: event.candidate.toJSON()});
    }
  };
  pc.onconnectionstatechange = () => {
    log(id + ': peer connection ' + pc.connectionState);
    if (pc.connectionState === 'failed') {
      setPeerState(id, 'failed');
    } else if (peer.state !== 'open') {
      setPeerState(id, pc.connectionState);
    }
  };
  if (offerer) {
    // The offerer creates the channel before the offer so that the offer carries it.
    attachChannel(id, peer, pc.createDataChannel('chat'));
    step(id, 'offer', async () => {
      await pc.setLocalDescription(await pc.createOffer());
      send({type: 'SDP_OFFER', toPeerId: id, sdp: pc.localDescription.sdp});
    });
  } else {
    pc.ondatachannel = event => attachChannel(id, peer, event.channel);
  }
  renderPeers();
}

function onOffer(id, sdp) {
  // Normally NEW_PEER_IN_ROOM came first; an offer from anyone else (relay needs no shared room) or a
  // second offer from the same peer starts a fresh answering session.
  const known = peers.get(id);
  if (!known || known.offerer || known.pc.signalingState !== 'stable' || known.pc.remoteDescription) {
    startPeer(id, false);
  }
  step(id, 'offer', async peer => {
    await peer.pc.setRemoteDescription({type: 'offer', sdp});
    await peer.pc.setLocalDescription(await peer.pc.createAnswer());
    send({type: 'SDP_ANSWER', toPeerId: id, sdp: peer.pc.localDescription.sdp});
  });
}

// Queues one signaling step for a peer; a failure is shown, and the later steps still run.
function step(id, what, action) {
  const peer = peers.get(id);
  if (!peer) {
    log('ignored a ' + what + ' from ' + id + ', who is not a peer here');
    return;
  }
  peer.chain = peer.chain.then(() => action(peer)).catch(e => showError(what + ' with ' + id + ' failed: ' + e));
}

function attachChannel(id, peer, channel) {
  peer.channel = channel;
  channel.onopen = () => {
    log(id + ': data channel open');
    setPeerState(id, 'open');
  };
  channel.onclose = () => {
    if (peers.get(id) === peer) {
      setPeerState(id, 'closed');
    }
  };
  channel.onmessage = event => addChat(id, String(event.data), false);
}

function closePeer(id) {
  const peer = peers.get(id);
  if (!peer) {
    return;
  }
  peers.delete(id);
  peer.pc.close();
  renderPeers();
}

function setPeerState(id, state) {
  const peer = peers.get(id);
  if (peer) {
    peer.state = state;
    renderPeers();
  }
}

const STATE_TEXT = {open: 'data channel open', failed: 'connection failed', closed: 'closed'};

function renderPeers() {
  ui.peers.replaceChildren();
  for (const [id, peer] of peers) {
    const li = document.createElement('li');
    li.dataset.peer = id;
    li.dataset.state = peer.state;
    li.textContent = id + ': ' + (STATE_TEXT[peer.state] || peer.state);
    ui.peers.append(li);
  }
  if (peers.size === 0) {
    const li = document.createElement('li');
    li.className = 'none';
    li.textContent = 'nobody yet';
    ui.peers.append(li);
  }
  setChatEnabled();
}

function openChannels() {
  return [...peers.values()].filter(p => p.channel && p.channel.readyState === 'open').map(p => p.channel);
}

function setChatEnabled() {
  const any = openChannels().length > 0;
  ui.message.disabled = !any;
  ui.send.disabled = !any;
}

function sendChat(text) {
  if (!text) {
    return;
  }
  const channels = openChannels();
  if (channels.length === 0) {
    showError('nobody to send to: no data channel is open');
    return;
  }
  // The message goes straight to each peer; the server never sees it.
  for (const channel of channels) {
    channel.send(text);
  }
  addChat(me, text, true);
  ui.message.value = '';
}

function addChat(from, text, mine) {
  const li = document.createElement('li');
  li.className = mine ? 'me' : 'them';
  li.dataset.from = from;
  const who = document.createElement('b');
  who.textContent = from + ': ';
  li.append(who, text); // text nodes only: a message cannot inject markup
  ui.chat.append(li);
}
