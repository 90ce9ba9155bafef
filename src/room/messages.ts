// What the console says about the room, in both languages.

import type { Lang } from "../core/plan.js";

export interface RoomMessages {
  listening: (url: string, loopback: boolean) => string;
  boardLink: (name: string, url: string) => string;
  seatLink: (name: string, url: string) => string;
  fileAt: (file: string) => string;
  arrived: (seat: string, line: string) => string;
  message: (seat: string, text: string) => string;
  chooseSeat: string;
  chooseAction: string;
  showLink: string;
  revoke: string;
  revoked: (name: string) => string;
  revokedMark: string;
  confirmRevoke: (name: string) => string;
}

const en: RoomMessages = {
  listening: (url, loopback) =>
    loopback
      ? `Room open at ${url} — loopback only (this machine); --host 0.0.0.0 opens it to the room's network`
      : `Room open at ${url} — reachable from the network: share the join links only in the room`,
  boardLink: (name, url) => `  board  ${name}: ${url}`,
  seatLink: (name, url) => `  seat   ${name}: ${url}`,
  fileAt: (file) =>
    `  join links kept in ${file} (keep it private; --resume serves the same links)`,
  arrived: (seat, line) => `⇢ ${seat}: ${line}`,
  message: (seat, text) => `✉ ${seat} to control: ${text}`,
  chooseSeat: "Which seat?",
  chooseAction: "Do what?",
  showLink: "show its link and QR code",
  revoke: "revoke its link",
  revoked: (name) => `revoked the link of ${name}: it is refused from now on`,
  revokedMark: " (revoked)",
  confirmRevoke: (name) => `Revoke the link of ${name}? It cannot be given back.`,
};

const zh: RoomMessages = {
  listening: (url, loopback) =>
    loopback
      ? `会场已开启：${url}（仅本机可访问；--host 0.0.0.0 向会场网络开放）`
      : `会场已开启：${url}（网络可访问：请只在会场内分发加入链接）`,
  boardLink: (name, url) => `  大屏  ${name}：${url}`,
  seatLink: (name, url) => `  席位  ${name}：${url}`,
  fileAt: (file) => `  加入链接保存在 ${file}（请妥善保管；--resume 沿用同一链接）`,
  arrived: (seat, line) => `⇢ ${seat}：${line}`,
  message: (seat, text) => `✉ ${seat} 致导调：${text}`,
  chooseSeat: "选择席位",
  chooseAction: "操作",
  showLink: "显示链接和二维码",
  revoke: "吊销链接",
  revoked: (name) => `已吊销 ${name} 的链接：此后一律拒绝`,
  revokedMark: "（已吊销）",
  confirmRevoke: (name) => `吊销 ${name} 的链接？吊销后不能恢复。`,
};

export const roomMessages: Record<Lang, RoomMessages> = { en, zh };
