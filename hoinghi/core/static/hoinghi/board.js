// The counting board member's phone (voting/board.html, #board-part). Before the vote opens it makes an ECDH key
// pair (P-256) whose private half cannot leave the browser (non-extractable, kept in IndexedDB) and sends the
// public half. At opening the server encrypts the member's share of the poll's key to it; after the close this
// page decrypts the share and gives it (ECDH with the server's one-time key, HKDF-SHA256, AES-GCM: the same
// scheme as hoinghi/voting/board_keys.py), or shows it as a paper code. Once counted, the key is deleted.
// Its messages are in the page, translated there ([data-say]).
(() => {
  const STORE = "keys";
  const text = new TextEncoder();
  function database() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open("hoinghi-board", 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  async function stored(mode, act) {
    const db = await database();
    return new Promise((resolve, reject) => {
      const request = act(db.transaction(STORE, mode).objectStore(STORE));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  const bytesOf = (base64) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const base64Of = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes)));

  async function publicKey(pair) {
    return base64Of(await crypto.subtle.exportKey("raw", pair.publicKey));
  }

  async function openShare(privateKey, sealed, context) {
    const raw = bytesOf(sealed);
    const point = raw.slice(0, 65);
    const nonce = raw.slice(65, 77);
    const ephemeral = await crypto.subtle.importKey("raw", point, { name: "ECDH", namedCurve: "P-256" }, false, []);
    const shared = await crypto.subtle.deriveBits({ name: "ECDH", public: ephemeral }, privateKey, 256);
    const material = await crypto.subtle.importKey("raw", shared, "HKDF", false, ["deriveKey"]);
    const info = text.encode(context);
    const key = await crypto.subtle.deriveKey(
      { name: "HKDF", hash: "SHA-256", salt: point, info },
      material,
      { name: "AES-GCM", length: 256 },
      false,
      ["decrypt"],
    );
    const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: nonce, additionalData: info }, key, raw.slice(77));
    return new Uint8Array(plain); // the share's number, then its 16 bytes
  }

  const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  function base32(bytes) {
    let bits = 0;
    let value = 0;
    let out = "";
    for (const byte of bytes) {
      value = (value << 8) | byte;
      bits += 8;
      while (bits >= 5) {
        out += ALPHABET[(value >>> (bits - 5)) & 31];
        bits -= 5;
      }
    }
    return bits ? out + ALPHABET[(value << (5 - bits)) & 31] : out;
  }

  async function paperCode(share, checkPrefix) {
    const prefix = text.encode(checkPrefix);
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new Uint8Array([...prefix, ...share])));
    return base32(new Uint8Array([...share, ...digest.slice(0, 3)])).match(/.{1,4}/g).join("-");
  }

  async function post(url, fields) {
    const token = document.querySelector("#board-part [name=csrfmiddlewaretoken]").value;
    const response = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": token, Accept: "application/json" },
      body: new URLSearchParams(fields),
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(answer.error || response.statusText);
    return answer;
  }

  async function start(part) {
    const data = part.dataset;
    const name = `${data.poll}:${data.person}`;
    const message = part.querySelector("#board-message");
    const say = (name) => part.querySelector(`[data-say="${name}"]`).textContent;
    const show = (id) => {
      const element = part.querySelector(id);
      if (element) element.hidden = false;
    };
    const failed = (error) => {
      message.textContent = `${say("failed")} ${error.message}`;
      message.classList.add("text-danger");
    };
    if (!window.crypto || !crypto.subtle || !window.indexedDB) {
      message.textContent = say("unsupported");
      return;
    }
    const pair = await stored("readonly", (store) => store.get(name)).catch(() => undefined);
    const mine = pair && data.deviceKey && (await publicKey(pair)) === data.deviceKey;

    if (data.phase === "counted" || data.phase === "published") {
      if (pair) await stored("readwrite", (store) => store.delete(name));
      return;
    }
    if (data.phase === "draft") {
      if (mine) message.textContent = say("ready");
      else if (data.deviceKey) message.textContent = say("other");
      if (!mine) show("#board-ready");
      part.querySelector("#board-ready")?.addEventListener("click", async () => {
        try {
          const fresh = await crypto.subtle.generateKey({ name: "ECDH", namedCurve: "P-256" }, false, ["deriveBits"]);
          await stored("readwrite", (store) => store.put(fresh, name));
          await post(data.deviceUrl, { device_key: await publicKey(fresh) });
          window.location.reload();
        } catch (error) {
          failed(error);
        }
      });
      return;
    }
    if (!mine || !data.sealedShare) {
      message.textContent = say("missing");
      return;
    }
    const share = () => openShare(pair.privateKey, data.sealedShare, data.context);
    show("#board-show-code");
    part.querySelector("#board-show-code")?.addEventListener("click", async () => {
      try {
        part.querySelector("#board-code-value").textContent = await paperCode(await share(), data.codeCheck);
        show("#board-code");
      } catch (error) {
        failed(error);
      }
    });
    part.querySelector("#board-code-hide")?.addEventListener("click", () => {
      part.querySelector("#board-code-value").textContent = "";
      part.querySelector("#board-code").hidden = true;
    });
    if (data.phase !== "awaiting_board") return;
    show("#board-give");
    part.querySelector("#board-give").addEventListener("click", async (event) => {
      event.target.disabled = true;
      try {
        await post(data.shareUrl, { share: base64Of(await share()) });
        message.textContent = say("given");
        window.location.reload();
      } catch (error) {
        event.target.disabled = false;
        failed(error);
      }
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    const part = document.getElementById("board-part");
    if (part) start(part);
  });
})();
