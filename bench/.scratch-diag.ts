import { generateSynthetic } from "../src/data/synthetic.js";
import { runPipeline } from "../src/pipeline/runPipeline.js";
const { dataset } = generateSynthetic({}, 7);
const result = runPipeline(dataset, { seed: 42, randomDraws: 0, attributes: ["gender"] });
const m = result.heldOut.model; const k = m.k; const a = result.heldOut.attributes.gender;
const n = a.labels.length; const diff = new Float64Array(k); const cnt=[0,0];
for (let u=0;u<n;u++){cnt[a.labels[u]]++; for(let j=0;j<k;j++) diff[j]+= (a.labels[u]?-1:1)*m.userFactors[u*k+j];}
for(let j=0;j<k;j++) diff[j]=0; 
const mean=[new Float64Array(k),new Float64Array(k)];
for (let u=0;u<n;u++) for(let j=0;j<k;j++) mean[a.labels[u]][j]+=m.userFactors[u*k+j]/cnt[a.labels[u]];
let agree=0, dot=0, nd=0, ns=0; const s=a.profile.minorityShare;
for(let j=0;j<k;j++){ const d=mean[0][j]-mean[1][j]; const w=2*s[j]-1; if(Math.sign(d)===Math.sign(w)) agree++; dot+=d*w; nd+=d*d; ns+=w*w;}
console.log("sign agreement", agree, "/", k, "cos", dot/Math.sqrt(nd*ns));
let dm=0, dM=0, am=0, aM=0; const am_=a.archetypes.minority.vector, aM_=a.archetypes.majority.vector;
let c1=0,c2=0,n1=0,n2=0,nm=0,nM=0;
for(let j=0;j<k;j++){const d=mean[0][j]-mean[1][j]; c1+=d*(am_[j]-aM_[j]); n1+=(am_[j]-aM_[j])**2; nd+=0;}
console.log("cos(centroid diff, archetype diff)", c1/Math.sqrt(n1*[...mean[0]].reduce((s,x,j)=>s+(x-mean[1][j])**2,0)));
console.log("mean share minority", s.reduce((x,y)=>x+y,0)/k, "min", Math.min(...s), "max", Math.max(...s));
