<%@ page contentType="text/html;charset=UTF-8" language="java" %>
<%@ taglib prefix="c" uri="http://java.sun.com/jsp/jstl/core" %>
<%@ taglib prefix="fn" uri="http://java.sun.com/jsp/jstl/functions" %>
<html>
<head><title>Search</title></head>
<body>
<form action="search.jsp" method="get">
  <input type="text" name="q" value="${fn:escapeXml(param.q)}">
  <input type="submit" value="Search">
</form>
<%
    String q = request.getParameter("q");
    if (q != null && !q.isBlank()) {
        request.setAttribute("results", com.example.Search.find(q.trim(), 20));
    }
%>
<ul>
<c:forEach var="r" items="${results}">
  <li><a href="${fn:escapeXml(r.url)}"><c:out value="${r.title}"/></a></li>
</c:forEach>
</ul>
</body>
</html>
